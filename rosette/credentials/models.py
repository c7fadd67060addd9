"""The Django side of credentials: issuers' signing keys, each award's credential, status lists.

Only this package reads ``IssuerKey.encrypted_seed`` (STYLE.md point 13); the seed is decrypted
with ``settings.CREDENTIAL_KEK`` just long enough to sign (``services.py``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rosette.awards.models import Award
from rosette.core.models import BaseModel

from .statuslist import StatusBitstring


class IssuerKey(BaseModel):
    """One Ed25519 key of an issuer. The active key signs; retired keys stay in the issuer's
    DID document so that what they signed still verifies (ADR 0003)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        RETIRED = "retired", _("Retired")

    issuer = models.ForeignKey(
        "catalogue.Issuer", on_delete=models.PROTECT, related_name="signing_keys"
    )
    fragment = models.CharField(max_length=40)
    public_key_multibase = models.CharField(max_length=64)
    encrypted_seed = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["issuer", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "fragment"], name="unique_key_fragment"),
            models.UniqueConstraint(
                fields=["issuer"], condition=Q(status="active"), name="one_active_key_per_issuer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} #{self.fragment} ({self.get_status_display()})"

    def associated_data(self) -> bytes:
        """Binds the encrypted seed to this row: a blob copied to another row won't decrypt."""
        return f"issuer:{self.issuer_id}:key:{self.fragment}".encode()


class StatusList(BaseModel):
    """One Bitstring Status List of an issuer. Lists come in sets with the same ``number``; an
    award has the same index in each list of its set (ADR 0008):

    - ``validity``: the bit is set while the award is not valid now (revoked or suspended). It
      is published with ``statusPurpose`` ``revocation``, and it is the one status entry of
      every credential issued since credentials carry one entry.
    - ``revocation`` and ``suspension``: the bit says revoked, or suspended. Credentials issued
      before carry both entries, so both lists are kept up to date for them.
    """

    class Purpose(models.TextChoices):
        REVOCATION = "revocation", _("Revocation")
        SUSPENSION = "suspension", _("Suspension")
        VALIDITY = "validity", _("Not valid now (revoked or suspended)")

    issuer = models.ForeignKey(
        "catalogue.Issuer", on_delete=models.PROTECT, related_name="status_lists"
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    number = models.PositiveIntegerField(default=1)
    bits = models.BinaryField()
    # The signed BitstringStatusListCredential, exactly as served; re-signed on every change.
    signed_json = models.TextField(blank=True)

    class Meta:
        ordering = ["issuer", "number", "purpose"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "purpose", "number"], name="unique_status_list"
            ),
            models.CheckConstraint(
                condition=Q(purpose__in=["revocation", "suspension", "validity"]),
                name="status_list_purpose_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.purpose} list {self.number}"

    def bitstring(self) -> StatusBitstring:
        return StatusBitstring.from_bytes(bytes(self.bits))

    @property
    def status_purpose(self) -> str:
        """The ``statusPurpose`` the list is published with (and its entries carry)."""
        return self.Purpose.REVOCATION if self.purpose == self.Purpose.VALIDITY else self.purpose

    def bit_for(self, award_status: str) -> bool:
        """What this list's bit says for an award with this status (``Award.Status`` value)."""
        if self.purpose == self.Purpose.VALIDITY:
            return award_status != Award.Status.ACTIVE
        if self.purpose == self.Purpose.REVOCATION:
            return award_status == Award.Status.REVOKED
        return award_status == Award.Status.SUSPENDED

    @property
    def public_name(self) -> str:
        """The last segment of its URL: ``revocation``, or ``revocation-2`` for later lists."""
        return self.purpose if self.number == 1 else f"{self.purpose}-{self.number}"


class AwardCredential(BaseModel):
    """An award's credentials: the signed OB 3.0 credential and what the OB 2.0 assertion is
    built from. Created once per award by ``credential_issue``."""

    award = models.OneToOneField(
        "awards.Award", on_delete=models.CASCADE, related_name="credential"
    )
    issuer = models.ForeignKey(
        "catalogue.Issuer", on_delete=models.PROTECT, related_name="award_credentials"
    )
    salt = models.CharField(max_length=64)
    # sha256$<hex> of the learner's primary email at award time, salted. The email itself
    # is not kept here: the learner may change it later and the credential stays theirs.
    recipient_identity = models.CharField(max_length=80)
    status_list_number = models.PositiveIntegerField(default=1)
    status_index = models.PositiveIntegerField()
    signing_key = models.ForeignKey(IssuerKey, on_delete=models.PROTECT, related_name="+")
    # The signed OpenBadgeCredential, byte for byte as served and baked.
    ob3_json = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "status_list_number", "status_index"],
                name="unique_status_index_per_issuer",
            )
        ]

    def __str__(self) -> str:
        return f"Credential for {self.award}"
