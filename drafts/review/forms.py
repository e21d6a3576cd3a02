"""Forms of the review pages and of the official's submit/withdraw/comment actions."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import workflow
from ..models import ReportingYear, Unit
from ..rendering import formats
from .transitions import COMMENT_MAX, REASON_MAX

SORTS = {
    "status": ("status_rank", "-updated_at", "pk"),
    "-updated": ("-updated_at", "pk"),
    "updated": ("updated_at", "pk"),
    "official": ("official__name", "pk"),
    "-official": ("-official__name", "-pk"),
    "unit": ("official__unit__name", "official__name", "pk"),
    "-unit": ("-official__unit__name", "official__name", "pk"),
    "year": ("year__year", "official__name", "pk"),
    "-year": ("-year__year", "official__name", "pk"),
}
SORT_LABELS = [
    ("status", _("Awaiting review first")),
    ("-updated", _("Last changed, newest first")),
    ("updated", _("Last changed, oldest first")),
    ("official", _("Official")),
    ("unit", _("Unit")),
    ("-year", _("Year, newest first")),
]


class QueueFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *workflow.status_choices()],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_LABELS)

    def __init__(self, data, *, units, years):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years"))] + [
            (y.year, str(y.year)) for y in years
        ]
        self.fields["unit"].choices = [("", _("All my units"))] + [(u.pk, u.name) for u in units]


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(a, workflow.ACTION[a].label) for a in workflow.DECISIONS]
    )
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when returning or reopening: say what the official should change."),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)


_PLACE = re.compile(r"^(?:(\d{1,4})(?:\.(\d{1,4}))?)?$")


class CommentForm(forms.Form):
    place = forms.CharField(label=_("Concerns"), required=False, max_length=20)
    text = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the comment before saving it.")},
    )
    submission = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean_place(self):
        match = _PLACE.match(self.cleaned_data.get("place") or "")
        if not match:
            raise forms.ValidationError(_("Choose the section or item the comment is about."))
        section, item = match.groups()
        return (int(section) if section else None, int(item) if item else None)


class VersionForm(forms.Form):
    version = forms.IntegerField(required=False, min_value=0)


ZIP_CHOICES = [
    (",".join(f.ext for f in formats.ZIPPED), _("PDF")),
    ("docx", _("Word (DOCX)")),
    ("pdf,docx", _("PDF and Word (DOCX)")),
]


class ZipForm(forms.Form):
    """Which approved reports go into a ZIP: a unit (and the units below it) or, left empty,
    every unit of the reviewer's scope; a year; the formats."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    year = forms.ModelChoiceField(
        label=_("Year"), queryset=ReportingYear.objects.all(), to_field_name="year"
    )
    formats = forms.ChoiceField(
        label=_("Files"), choices=ZIP_CHOICES, initial=ZIP_CHOICES[0][0], required=False
    )

    def __init__(self, *args, unit_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=unit_ids)

    def clean_formats(self):
        return self.cleaned_data.get("formats") or ZIP_CHOICES[0][0]
