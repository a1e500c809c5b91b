"""Submission forms: a URL, pasted text, or an uploaded HTML file."""

from __future__ import annotations

from django import forms
from django.conf import settings

from claims.ingest.charset import decode_html
from claims.ingest.fetch import FetchError, validate_url


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
