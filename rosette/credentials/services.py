"""State changes of credentials: keys, issuing an award's credentials, status list bits.

Awards sit below credentials, so they ask through ``rosette.awards.hooks``: this app answers
with ``tasks.credential_issue_later`` (which runs :func:`credential_issue` in the background)
when an award is created, and :func:`credential_status_sync` after it is revoked, suspended or
restored (``CredentialsConfig.ready``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rosette.accounts.models import User
from rosette.awards.models import Award
from rosette.catalogue.models import Issuer
from rosette.core.models import record_event
from rosette.core.public_cache import award_stamp, issuer_stamp, stamps_change

from . import selectors
from .dataintegrity import sign_eddsa_rdfc_2022
from .jsonsafe import dump_json
from .keys import SigningKey, decrypt_private_key, encrypt_private_key
from .models import AwardCredential, IssuerKey, StatusList
from .ob3 import (
    AchievementInfo,
    CredentialInfo,
    EvidenceItem,
    IssuerProfile,
    RecipientInfo,
    build_open_badge_credential,
)
from .recipient import hash_email, new_salt
from .statuslist import (
    MIN_BITS,
    StatusBitstring,
    allocate_index,
    build_status_list_credential,
    status_entry,
)


class CredentialServiceError(Exception):
    """A credential cannot be issued or changed; the message is plain English."""


# --- keys --------------------------------------------------------------------------------------


def _new_key(*, issuer: Issuer, number: int) -> IssuerKey:
    signing_key = SigningKey.generate()
    key = IssuerKey(
        issuer=issuer,
        fragment=f"key-{number}",
        public_key_multibase=signing_key.public_key.multibase,
    )
    key.encrypted_seed = encrypt_private_key(
        signing_key.seed(), settings.CREDENTIAL_KEK, associated_data=key.associated_data()
    )
    key.save()
    return key


def _active_key(issuer: Issuer) -> IssuerKey:
    """The issuer's signing key, generated on first use. Call inside a transaction."""
    Issuer.objects.select_for_update().filter(pk=issuer.pk).first()  # serialise key creation
    key = IssuerKey.objects.filter(issuer=issuer, status=IssuerKey.Status.ACTIVE).first()
    if key is None:
        key = _new_key(issuer=issuer, number=IssuerKey.objects.filter(issuer=issuer).count() + 1)
        record_event(
            action="credentials:issuer_key:create",
            subject=issuer,
            data={"fragment": key.fragment, "public_key": key.public_key_multibase},
        )
    return key


def _unlock(key: IssuerKey) -> SigningKey:
    seed = decrypt_private_key(
        bytes(key.encrypted_seed), settings.CREDENTIAL_KEK, associated_data=key.associated_data()
    )
    return SigningKey.from_seed(seed)


def _sign(document: dict[str, Any], *, issuer: Issuer, key: IssuerKey) -> dict[str, Any]:
    return sign_eddsa_rdfc_2022(
        document,
        _unlock(key),
        verification_method=f"{selectors.issuer_did(issuer)}#{key.fragment}",
        created=timezone.now(),
    )


@transaction.atomic
def issuer_key_ensure(*, issuer: Issuer) -> IssuerKey:
    """The issuer's active signing key, made now if it has none yet (otherwise it is made when
    its first credential is signed)."""
    return _active_key(issuer)


@transaction.atomic
def issuer_key_rotate(*, issuer: Issuer, actor: User) -> IssuerKey:
    """Retire the issuer's signing key and make a new one.

    The retired key stays in the issuer's DID document, so credentials it signed still verify.
    Status lists are re-signed with the new key (they are the documents verifiers fetch fresh).
    """
    Issuer.objects.select_for_update().filter(pk=issuer.pk).first()
    old = IssuerKey.objects.filter(issuer=issuer, status=IssuerKey.Status.ACTIVE).first()
    if old is not None:
        old.status = IssuerKey.Status.RETIRED
        old.retired_at = timezone.now()
        old.save(update_fields=["status", "retired_at", "updated_at"])
    new = _new_key(issuer=issuer, number=IssuerKey.objects.filter(issuer=issuer).count() + 1)
    for status_list in StatusList.objects.filter(issuer=issuer):
        _resign_status_list(status_list, key=new)
    record_event(
        action="credentials:issuer_key:rotate",
        subject=issuer,
        actor=actor,
        data={
            "retired": old.fragment if old else None,
            "fragment": new.fragment,
            "public_key": new.public_key_multibase,
        },
    )
    stamps_change(issuer_stamp(issuer.slug))  # did.json lists the new key
    return new


# --- status lists ------------------------------------------------------------------------------


def _resign_status_list(status_list: StatusList, *, key: IssuerKey | None = None) -> None:
    issuer = status_list.issuer
    unsigned = build_status_list_credential(
        list_url=selectors.status_list_url(status_list),
        issuer_id=selectors.issuer_did(issuer),
        purpose=status_list.status_purpose,
        bitstring=status_list.bitstring(),
        valid_from=timezone.now(),
    )
    signed = _sign(unsigned, issuer=issuer, key=key or _active_key(issuer))
    status_list.signed_json = dump_json(signed)
    status_list.save(update_fields=["signed_json", "bits", "updated_at"])
    stamps_change(issuer_stamp(issuer.slug))  # the list served is this one now


def _status_lists(issuer: Issuer, number: int) -> dict[str, StatusList]:
    """The issuer's set of lists numbered ``number`` (validity, revocation, suspension),
    created (empty, signed) if need be."""
    lists = {s.purpose: s for s in StatusList.objects.filter(issuer=issuer, number=number)}
    for purpose in StatusList.Purpose.values:
        if purpose not in lists:
            created = StatusList.objects.create(
                issuer=issuer,
                purpose=purpose,
                number=number,
                bits=StatusBitstring(MIN_BITS).to_bytes(),
            )
            _resign_status_list(created)
            lists[purpose] = created
    return lists


def _allocate(issuer: Issuer) -> tuple[int, int]:
    """A random unused index in the issuer's newest set of lists, opening a new set when full."""
    number = (
        StatusList.objects.filter(issuer=issuer)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 1
    )
    while True:
        used = set(
            AwardCredential.objects.filter(issuer=issuer, status_list_number=number).values_list(
                "status_index", flat=True
            )
        )
        try:
            return number, allocate_index(used)
        except LookupError:
            number += 1


def _set_bits(credential: AwardCredential, status: str) -> bool:
    """Make the award's bit in each list of its set say what ``status`` means for that list;
    re-sign what changed. True if anything did."""
    lists = _status_lists(credential.issuer, credential.status_list_number)
    changed = False
    for status_list in lists.values():
        locked = (
            StatusList.objects.select_for_update().select_related("issuer").get(pk=status_list.pk)
        )
        bits = locked.bitstring()
        wanted = locked.bit_for(status)
        if bits.get(credential.status_index) != wanted:
            bits.set(credential.status_index, wanted)
            locked.bits = bits.to_bytes()
            _resign_status_list(locked)
            changed = True
    return changed


# --- issuing -----------------------------------------------------------------------------------


def _credential_info(
    *, award: Award, email: str, salt: str, status: list[dict[str, Any]]
) -> CredentialInfo:
    badge, issuer = award.badge, award.badge.issuer
    description, criteria = selectors._criteria(badge)
    return CredentialInfo(
        id=selectors.credential_url(award),
        issuer=IssuerProfile(
            id=selectors.issuer_did(issuer),
            name=issuer.name,
            url=issuer.url or selectors.absolute("catalogue:issuer_detail", slug=issuer.slug),
            email=issuer.email,
        ),
        achievement=AchievementInfo(
            id=selectors.absolute("catalogue:badge_detail", slug=badge.slug),
            name=badge.name,
            description=description,
            criteria_narrative=criteria,
            image_url=selectors.badge_image_url(badge),
            image_caption=badge.name,
        ),
        recipient=RecipientInfo(email=email, salt=salt, name=award.recipient.name or None),
        valid_from=award.awarded_at,
        awarded=award.awarded_at,
        evidence=(
            EvidenceItem(
                id=selectors.award_page_url(award),
                name=selectors.EVIDENCE_NAME,
                narrative=selectors.EVIDENCE_NARRATIVE,
                genre="Award page",
            ),
        ),
        status=status,
    )


@transaction.atomic
def credential_issue(*, award: Award) -> AwardCredential:
    """Build, sign and store the award's credentials (OB 3.0 signed; OB 2.0 hosted).

    Idempotent: an award that has its credential gets it back unchanged. The recipient is the
    learner's primary email at this moment, stored only salted and hashed. The award gets one
    random index, the same in each of the issuer's lists of a set, and the credential one status
    entry: the ``validity`` list, published with purpose ``revocation``, whose bit is set while
    the award is revoked or suspended (ADR 0008). If the award is already suspended or revoked,
    the lists say so at once.
    """
    award = (
        Award.objects.select_for_update()
        .select_related("badge__issuer", "recipient")
        .get(pk=award.pk)
    )
    existing = AwardCredential.objects.filter(award=award).first()
    if existing is not None:
        return existing
    issuer = award.badge.issuer
    key = _active_key(issuer)
    number, index = _allocate(issuer)
    lists = _status_lists(issuer, number)
    salt = new_salt()
    email = award.recipient.email
    validity = lists[StatusList.Purpose.VALIDITY]
    entry = status_entry(
        list_url=selectors.status_list_url(validity), index=index, purpose=validity.status_purpose
    )
    unsigned = build_open_badge_credential(
        _credential_info(award=award, email=email, salt=salt, status=[entry])
    )
    signed = _sign(unsigned, issuer=issuer, key=key)
    credential = AwardCredential.objects.create(
        award=award,
        issuer=issuer,
        salt=salt,
        recipient_identity=hash_email(email, salt),
        status_list_number=number,
        status_index=index,
        signing_key=key,
        ob3_json=dump_json(signed),
    )
    if award.status != Award.Status.ACTIVE:
        _set_bits(credential, award.status)
    record_event(
        action="credentials:credential:issue",
        subject=award,
        data={"key": key.fragment, "list": number, "index": index},
    )
    # The award's documents exist now (and its page links them); the issuer may have a new
    # key or lists.
    stamps_change(award_stamp(award.code), issuer_stamp(issuer.slug))
    return credential


@transaction.atomic
def credential_status_sync(*, award: Award) -> AwardCredential | None:
    """Make the award's status list bits say what its status says (revoked, suspended or
    neither) and re-sign the lists that changed. Call after revoking, suspending or restoring.

    An award without credentials yet is issued first (which sets its bits)."""
    award = Award.objects.select_related("badge__issuer").get(pk=award.pk)
    credential = AwardCredential.objects.select_related("issuer").filter(award=award).first()
    if credential is None:
        return credential_issue(award=award)
    if _set_bits(credential, award.status):
        record_event(
            action="credentials:credential:status",
            subject=award,
            data={"status": award.status, "list": credential.status_list_number},
        )
    return credential
