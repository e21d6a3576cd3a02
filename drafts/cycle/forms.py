"""Forms of the cycle manager's pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ReportingYear, RollEntry, Unit
from .roster.reader import MAX_BYTES


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file (XLSX or CSV)"),
        help_text=_("Use the template: one row per person, the header in the first row."),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large; a roster may be at most %(max)s KB.") % {"max": MAX_BYTES // 1024}
            )
        return f


class OpenYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    deadline = forms.DateField(
        label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("After this day reports can no longer be changed, unless you grant an extension."),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units reporting"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every official of these units and of the units below them is put on the roll."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.filter(parent=None).order_by("name")

    def clean_year(self):
        year = self.cleaned_data["year"]
        existing = ReportingYear.objects.filter(year=year).first()
        if existing is not None and existing.has_roll:
            raise forms.ValidationError(_("The year %(year)s already has a roll; change it on its roll page.") % {"year": year})
        return year


class AddToRollForm(forms.Form):
    login = forms.CharField(label=_("Login name of the official"), max_length=150)
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[(RollEntry.Added.TRANSFERRED_IN, RollEntry.Added.TRANSFERRED_IN.label),
                 (RollEntry.Added.NEWLY_APPOINTED, RollEntry.Added.NEWLY_APPOINTED.label)],
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RemoveFromRollForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RollEntry.Removed.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ExtensionForm(forms.Form):
    until = forms.DateField(label=_("Extension until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class DeadlineForm(forms.Form):
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"),
    )
    is_open = forms.BooleanField(label=_("Open for reports"), required=False)
