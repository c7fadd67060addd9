"""The design system, wrapped once: forms, the error summary, components and error pages."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template import Context, RequestContext, Template
from django.template.loader import render_to_string
from django.test import RequestFactory

from rosette.core.forms import DesignSystemForm, ErrorSummaryItem


class EvidenceForm(DesignSystemForm):
    title = forms.CharField(label="Title", help_text="A few words.", min_length=5)
    answer = forms.CharField(label="Your answer", widget=forms.Textarea(attrs={"rows": 6}))
    kind = forms.ChoiceField(
        label="Kind of evidence",
        choices=[("text", "Written"), ("link", "A link")],
        widget=forms.RadioSelect,
    )
    topic = forms.ChoiceField(label="Topic", choices=[("a", "Apples"), ("b", "Bananas")])
    agree = forms.BooleanField(label="I agree")
    link = forms.URLField(label="Link", required=False, assume_scheme="https")

    def clean(self) -> dict[str, object]:
        raise forms.ValidationError("Something about the whole form is wrong.")


def render(source: str, **context: object) -> str:
    return Template("{% load ds %}" + source).render(Context(context))


def ids_linked_from_summary(html: str) -> list[str]:
    summary = html.split('class="ds_error-summary"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'href="#([^"]+)"', summary)


def test_form_with_errors_shows_them_beside_each_field_and_in_the_summary() -> None:
    form = EvidenceForm(data={"title": "abc", "answer": "", "topic": "b"})
    html = render("{% error_summary form %}{{ form }}", form=form)

    assert "There is a problem" in html
    anchors = ids_linked_from_summary(html)
    assert anchors == [
        "form-errors",
        "id_title",
        "id_answer",
        "id_kind_0",
        "id_agree",
    ]
    for anchor in anchors:
        assert f'id="{anchor}"' in html, f"summary links to #{anchor}, which is not on the page"

    assert html.count("ds_question--error") == 5  # four fields and the non-field errors
    assert 'id="id_title_error"' in html
    assert re.search(r'<input[^>]*aria-describedby="id_title_helptext id_title_error"', html)
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_title"', html)
    assert "Something about the whole form is wrong." in html


def test_form_keeps_what_was_typed() -> None:
    form = EvidenceForm(
        data={"title": "abc", "answer": "My <answer>", "topic": "b", "kind": "link"}
    )
    html = str(form)

    assert re.search(r'<input[^>]*value="abc"[^>]*class="ds_input ds_input--error"', html)
    assert "My &lt;answer&gt;</textarea>" in html
    assert re.search(r'<option value="b" selected>Bananas</option>', html)
    assert re.search(r'<input[^>]*class="ds_radio__input"[^>]*value="link"[^>]*checked', html) or (
        re.search(r'<input[^>]*checked[^>]*value="link"', html)
    )


def test_widgets_take_design_system_markup() -> None:
    html = str(EvidenceForm())

    assert '<label class="ds_label" for="id_title">Title</label>' in html
    assert '<div class="ds_hint-text" id="id_title_helptext">A few words.</div>' in html
    assert re.search(
        r'<textarea[^>]*class="ds_input"[^>]*rows="6"|rows="6"[^>]*class="ds_input"', html
    )
    assert '<div class="ds_select-wrapper"><select' in html
    assert '<span class="ds_select-arrow" aria-hidden="true"></span>' in html
    assert "<fieldset" in html and "<legend>Kind of evidence</legend>" in html
    assert '<div class="ds_radio"><input' in html
    assert '<label class="ds_radio__label" for="id_kind_0">Written</label>' in html
    assert '<div class="ds_checkbox">' in html and 'class="ds_checkbox__input"' in html
    assert "Link (optional)" in html
    assert "required" not in html  # errors come from the server, beside the field
    assert "ds_question--error" not in html
    assert render("{% error_summary form %}", form=EvidenceForm()) == ""


def test_error_summary_accepts_several_forms() -> None:
    class Other(DesignSystemForm):
        email = forms.EmailField(label="Email")

    first = EvidenceForm(data={"title": "a long enough title"})
    second = Other(data={"email": "not an email"}, prefix="other")
    html = render("{% error_summary first second %}", first=first, second=second)

    anchors = ids_linked_from_summary(html)
    assert "id_other-email" in anchors
    assert "id_answer" in anchors
    assert html.count('<div class="ds_error-summary"') == 1


def test_error_summary_takes_focus_and_links_errors_that_are_not_a_forms() -> None:
    items = [ErrorSummaryItem("id_text-1", "Answer question 1.", "/applications/x/edit/")]
    html = render("{% error_summary items title='You cannot submit yet' %}", items=items)
    assert "autofocus" in html  # focus on load, even without JavaScript
    assert "You cannot submit yet" in html
    assert '<a href="/applications/x/edit/#id_text-1">Answer question 1.</a>' in html


def _page(form: forms.Form) -> str:
    """A whole page (base.html) showing the form's errors, as a view renders it."""
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().post("/evidence/")
    request.user = AnonymousUser()
    template = Template(
        '{% extends "base.html" %}{% load ds %}{% block title %}Your evidence{% endblock %}'
        "{% block content %}{% error_summary form %}{{ form }}{% endblock %}"
    )
    return template.render(RequestContext(request, {"form": form}))


def test_the_title_of_a_page_showing_errors_starts_with_error() -> None:
    failed = _page(EvidenceForm(data={"title": "abc"}))
    assert "<title>Error: Your evidence – Rosette</title>" in failed
    assert failed.index("<title>") < failed.index('class="ds_error-summary"')  # head first
    assert failed.lstrip().startswith("<!DOCTYPE html>")
    fresh = _page(EvidenceForm())
    assert "<title>Your evidence – Rosette</title>" in fresh


def test_a_message_banner_says_what_it_is_without_a_heading_before_the_page_title() -> None:
    html = render_to_string(
        "ds/components/notification_banner.html",
        {"content": "Your draft is saved.", "success": True, "inline_label": True},
    )
    assert "<h2" not in html
    assert '<span class="visually-hidden">Success: </span>Your draft is saved.' in html


def test_pagination_keeps_the_query_string() -> None:
    request = RequestFactory().get("/badges/", {"q": "safety", "page": "2", "issuer": "sssc"})
    page = Paginator(list(range(100)), 10).page(2)
    html = render("{% pagination page %}", page=page, request=request)

    assert 'class="ds_pagination"' in html
    assert 'href="?q=safety&amp;page=3&amp;issuer=sssc"' in html
    assert 'aria-current="page"' in html


def test_components_render_their_design_system_markup() -> None:
    html = render(
        "{% page_header 'Video chats' label='Badge' %}"
        "{% tag 'Awarded' colour='green' %}"
        "{% button 'Start' url='/start/' %}"
        "{% button 'Save' variant='secondary' name='a' value='s' %}"
        "{% breadcrumbs crumbs %}"
        "{% summary_list rows %}"
        "{% inset_text %}<p>Inset</p>{% endinset_text %}"
        "{% warning_text %}Careful{% endwarning_text %}"
        "{% details 'More' %}Hidden{% enddetails %}"
        "{% notification_banner success=True %}Saved{% endnotification_banner %}",
        crumbs=[("Badges", "/badges/"), ("Video chats", None)],
        rows=[("Email", "a@example.org", [("Change", "/email/")])],
    )
    assert '<h1 class="ds_page-header__title">Video chats</h1>' in html
    assert '<strong class="ds_tag ds_tag--green">Awarded</strong>' in html
    assert '<a class="ds_button" href="/start/">Start</a>' in html
    assert 'class="ds_button ds_button--secondary" type="submit" name="a" value="s"' in html
    assert '<li class="ds_breadcrumbs__item" aria-current="page">Video chats</li>' in html
    assert 'Change<span class="visually-hidden">: Email</span>' in html
    assert '<div class="ds_inset-text__text"><p>Inset</p></div>' in html
    assert 'class="ds_warning-text__text">Careful</div>' in html
    assert '<summary class="ds_details__summary">More</summary>' in html
    assert "ds_notification--success" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "text"),
    [
        (400, "Sorry, there is a problem with your request"),
        (403, "You cannot do that"),
        (404, "Page not found"),
    ],
)
def test_error_pages_render_in_the_site_layout(status: int, text: str) -> None:
    request = RequestFactory().get("/missing/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = render_to_string(f"{status}.html", request=request)
    assert f"<h1>{text}</h1>" in html
    assert 'id="main-content"' in html
    assert "/badges/" in html
    assert "<script>" not in html and "style=" not in html


def test_server_error_page_renders_without_a_request() -> None:
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert 'id="main-content"' in html
    assert "design-system.min.css" in html


def test_not_found_page_is_served_for_unknown_urls(client: object, settings: object) -> None:
    settings.DEBUG = False  # type: ignore[attr-defined]
    response = client.get("/this-page-does-not-exist/")  # type: ignore[attr-defined]
    assert response.status_code == 404
    assert "If you typed the web address, check it is correct." in response.content.decode()
