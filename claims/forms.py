"""Forms: submitting articles (URL, text, HTML file); editors' reviews, corrections."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import URLValidator

from claims.ingest.charset import decode_html
from claims.ingest.fetch import FetchError, validate_url
from claims.models import (
    ATTRIBUTION_FINDINGS,
    Actor,
    Source,
    Verdict,
    normalise_claim_text,
)


class URLField(forms.CharField):
    """A URL checked by the fetcher's own rules, so the form and the worker agree."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            return validate_url(value)
        except FetchError as exc:
            raise forms.ValidationError(str(exc)) from exc


class SubmitURLForm(forms.Form):
    url = URLField(
        label="Article URL",
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://www.example.com/news/…"}),
    )


class SubmitTextForm(forms.Form):
    text = forms.CharField(
        label="Article text", widget=forms.Textarea(attrs={"rows": 12})
    )
    title = forms.CharField(label="Title", max_length=500, required=False)
    url = URLField(label="Original URL", max_length=2000, required=False)
    published_at = forms.DateTimeField(
        label="Published",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if len(text.encode("utf-8")) > settings.FETCH_MAX_BYTES:
            raise forms.ValidationError("The text is larger than the size limit.")
        return text


class SubmitHTMLForm(forms.Form):
    file = forms.FileField(label="HTML file")
    url = URLField(label="Original URL", max_length=2000, required=False)

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > settings.FETCH_MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size // (1024 * 1024)} MB; the limit is "
                f"{settings.FETCH_MAX_BYTES // (1024 * 1024)} MB."
            )
        name = (upload.name or "").lower()
        if not name.endswith((".html", ".htm", ".xhtml")):
            raise forms.ValidationError("Upload an .html or .htm file.")
        raw = upload.read()
        if b"<" not in raw[:2048]:
            raise forms.ValidationError("The file does not look like HTML.")
        return decode_html(raw)[0]


# --- Editors: reviews and corrections -------------------------------------------

MAX_EVIDENCE_LINKS = 20


def parse_evidence(value: str) -> list[dict]:
    """``URL title`` per line -> [{"url", "title"}]; only http(s) links pass."""
    validate = URLValidator(schemes=["http", "https"])
    links, errors = [], []
    for number, line in enumerate(value.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        url, _, title = line.partition(" ")
        try:
            if len(url) > 2000:
                raise forms.ValidationError("too long")
            validate(url)
        except forms.ValidationError:
            errors.append(
                f"Line {number}: “{url[:80]}” is not a web address "
                "(it must start with http:// or https://)."
            )
            continue
        links.append({"url": url, "title": title.strip()[:300]})
    if errors:
        raise forms.ValidationError(errors)
    if len(links) > MAX_EVIDENCE_LINKS:
        raise forms.ValidationError(f"At most {MAX_EVIDENCE_LINKS} links.")
    return links


class ReviewForm(forms.Form):
    """A verdict, an attribution finding, or both, on the version the editor saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    verdict = forms.ChoiceField(
        label="Verdict",
        required=False,
        choices=[("", "— no verdict now —")]
        + [
            (v.value, v.label)
            for v in (
                Verdict.VERIFIED,
                Verdict.MISLEADING,
                Verdict.FALSE,
                Verdict.UNVERIFIABLE,
            )
        ],
    )
    rationale = forms.CharField(
        label="Rationale",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why this verdict: what was checked, against what.",
    )
    evidence = forms.CharField(
        label="Evidence links",
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "https://example.org/report Report title"}
        ),
        help_text="One per line: the address, a space, then a title.",
    )
    attribution = forms.ChoiceField(
        label="Attribution",
        required=False,
        choices=[("", "— not checked now —")]
        + [(a.value, a.label) for a in ATTRIBUTION_FINDINGS],
        help_text="Did this speaker really say it?",
    )
    attribution_note = forms.CharField(
        label="Attribution note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs) -> None:
        # The claim page holds this and the correction form: distinct ids.
        kwargs.setdefault("auto_id", "review-%s")
        super().__init__(*args, **kwargs)

    def clean_evidence(self) -> list[dict]:
        return parse_evidence(self.cleaned_data["evidence"])

    def clean(self) -> dict:
        data = super().clean()
        verdict, attribution = data.get("verdict"), data.get("attribution")
        if (
            "verdict" in data
            and "attribution" in data
            and not verdict
            and not attribution
        ):
            raise forms.ValidationError(
                "Give a verdict, an attribution finding, or both."
            )
        if verdict and not data.get("rationale", "").strip():
            self.add_error("rationale", "Say why: a verdict needs a rationale.")
        if attribution and not data.get("attribution_note", "").strip():
            self.add_error("attribution_note", "Say how the attribution was checked.")
        return data


def actor_by_name(value: str) -> Actor | None:
    """The live actor named ``value`` (name, alias, or "#id"); blank is none."""
    value = value.strip()
    if not value:
        return None
    if value.startswith("#") and value[1:].isdigit():
        actor = Actor.objects.filter(pk=int(value[1:])).first()
        if actor is None:
            raise forms.ValidationError(f"There is no actor {value}.")
        if actor.merged_into_id:
            raise forms.ValidationError(
                f"{actor.name} was merged into {actor.merged_into.name} "
                f"(#{actor.merged_into_id})."
            )
        return actor
    matches = list(Actor.objects.named(value)[:5])
    if not matches:
        raise forms.ValidationError(
            f"No actor is named “{value}”. Use a name or alias as shown on the "
            "actor's page, or #id."
        )
    if len(matches) > 1:
        names = ", ".join(
            f"{a.name} (#{a.pk}, {a.get_kind_display()})" for a in matches
        )
        raise forms.ValidationError(
            f"Several actors are named “{value}”: {names}. Give #id instead."
        )
    return matches[0]


class ClaimCorrectForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    text = forms.CharField(label="Claim text", widget=forms.Textarea(attrs={"rows": 3}))
    speaker = forms.CharField(
        label="Speaker",
        required=False,
        max_length=300,
        help_text="A name or alias of a known actor, or #id; blank for no speaker.",
        widget=forms.TextInput(attrs={"list": "speaker-choices"}),
    )
    note = forms.CharField(
        label="What was wrong",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "correct-%s")
        super().__init__(*args, **kwargs)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not normalise_claim_text(text):
            raise forms.ValidationError("The claim needs some words.")
        return text

    def clean_speaker(self) -> Actor | None:
        return actor_by_name(self.cleaned_data["speaker"])


class ActorMergeForm(forms.Form):
    duplicate = forms.CharField(
        label="Duplicate actor",
        max_length=300,
        help_text="Its name, an alias, or #id. It becomes an alias of this actor.",
        widget=forms.TextInput(attrs={"list": "actor-duplicates"}),
    )

    def __init__(self, *args, survivor: Actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.survivor = survivor

    def clean_duplicate(self) -> Actor:
        value = self.cleaned_data["duplicate"].strip()
        if not (value.startswith("#") and value[1:].isdigit()):
            # The survivor's own names would match it first; look at the others.
            matches = list(Actor.objects.named(value).exclude(pk=self.survivor.pk)[:2])
            if len(matches) == 1:
                return matches[0]
        actor = actor_by_name(value)
        if actor is None or actor.pk == self.survivor.pk:
            raise forms.ValidationError("Choose another actor than this one.")
        return actor


class ArticleEditForm(forms.Form):
    title = forms.CharField(label="Title", max_length=500, required=False)
    byline = forms.CharField(label="Byline", max_length=300, required=False)
    published_at = forms.DateTimeField(
        label="Published",
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    source = forms.ModelChoiceField(
        label="Outlet",
        queryset=Source.objects.order_by("name"),
        required=False,
        empty_label="— none —",
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=1000,
        help_text="Where the correct details come from.",
    )
