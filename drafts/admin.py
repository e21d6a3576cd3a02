"""Administration of units, officials, accounts, reviewer assignments, years and reports.

The audit trail cannot be bent here: a report's status is never edited in the admin (only
the workflow changes it, with a Transition row; reopening an approved report is the
reviewer's "reopen" with a reason), the content of a submitted or approved report is read
only, and submissions, transitions and roll changes are view-only (no change, no delete).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Comment,
    ContentBackup,
    Entry,
    Official,
    Reminder,
    Report,
    ReportingYear,
    ReportType,
    ReviewerScope,
    RollChange,
    RollEntry,
    Section,
    SectionTemplate,
    Submission,
    Transition,
    Unit,
)

admin.site.site_header = _("Duty and integrity reports: administration")
admin.site.site_title = _("Duty and integrity reports")
admin.site.index_title = _("Administration")


class ChildUnitInline(admin.TabularInline):
    model = Unit
    fk_name = "parent"
    extra = 0
    fields = ["name"]
    show_change_link = True
    verbose_name = _("subordinate unit")
    verbose_name_plural = _("subordinate units")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "parent"]
    list_filter = ["parent"]
    search_fields = ["name", "parent__name"]
    autocomplete_fields = ["parent"]
    inlines = [ChildUnitInline]


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "post", "user"]
    list_filter = ["unit"]
    search_fields = ["name", "post", "unit__name", "user__username"]
    autocomplete_fields = ["unit", "user"]
    list_select_related = ["unit", "user"]


@admin.register(ReportingYear)
class ReportingYearAdmin(admin.ModelAdmin):
    list_display = ["year", "deadline", "is_open"]
    list_editable = ["is_open"]
    list_filter = ["is_open"]


class SectionTemplateInline(admin.StackedInline):
    model = SectionTemplate
    extra = 0
    fields = [
        ("order", "kind"),
        "heading",
        "hint",
        ("suggested_chars", "suggested_items", "item_style"),
    ]


@admin.register(ReportType)
class ReportTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "item_style", "suggested_chars", "order", "is_active"]
    list_filter = ["is_active", "item_style"]
    search_fields = ["name", "code", "description"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [SectionTemplateInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    """View-only: records of what happened."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _frozen(report) -> bool:
    """A report whose content the admin may not touch: submitted or approved."""
    return report is not None and not report.is_editable


class FrozenReportInlineMixin:
    """Sections of a report, items of a section: read only once the report is submitted."""

    def _frozen_parent(self, obj):
        return _frozen(getattr(obj, "report", obj))

    def has_add_permission(self, request, obj=None):
        return not self._frozen_parent(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen_parent(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen_parent(obj) and super().has_delete_permission(request, obj)


class SectionInline(FrozenReportInlineMixin, admin.StackedInline):
    model = Section
    extra = 0
    fields = [
        ("order", "kind", "item_style", "inline_items"),
        "heading",
        "intro",
        ("hint", "suggested_chars"),
    ]
    show_change_link = True


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["official", "year", "report_type", "status", "updated_at"]
    list_filter = ["status", "year", "report_type", "official__unit"]
    search_fields = ["title", "official__name", "official__unit__name"]
    autocomplete_fields = ["official"]
    list_select_related = ["official__unit", "year", "report_type"]
    readonly_fields = ["status", "version", "created_at", "updated_at"]
    date_hierarchy = "updated_at"
    fieldsets = [
        (None, {"fields": ["official", "year", "report_type", "status"]}),
        (_("Text"), {"fields": ["title", "subtitle", "byline", "opening", "closing"]}),
        (_("Signature"), {"fields": ["has_signature", "signature_name", "signature_date"]}),
        (
            _("Technical"),
            {
                "fields": ["current_step", "version", "created_at", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [SectionInline]

    def get_readonly_fields(self, request, obj=None):
        if _frozen(obj):  # the content of a submitted or approved report is the record
            return [f.name for f in Report._meta.concrete_fields if f.name != "id"]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.submissions.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # would bypass has_delete_permission(obj)
        return actions

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        if _frozen(obj):
            return  # nothing of a submitted or approved report is saved here
        # An edit here must make open wizards' saves stale rather than overwrite it; only
        # the fields of the form are written (never the status, which is not among them).
        obj.version += 1
        changed = form.changed_data if form is not None else []
        obj.save(update_fields=[*changed, "version", "updated_at"])


class EntryInline(FrozenReportInlineMixin, admin.StackedInline):
    model = Entry
    extra = 0
    fields = ["order", "lead", "body"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["heading", "report", "order", "kind", "item_style"]
    list_filter = ["kind", "item_style", "report__year"]
    search_fields = ["heading", "intro", "report__official__name"]
    list_select_related = ["report__official", "report__year", "report__report_type"]
    raw_id_fields = ["report"]
    inlines = [EntryInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and _frozen(obj.report):
            return [f.name for f in Section._meta.concrete_fields if f.name != "id"]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _frozen(obj.report):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ReviewerScope)
class ReviewerScopeAdmin(admin.ModelAdmin):
    list_display = ["user", "unit"]
    list_filter = ["unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["report", "number", "created_at", "submitted_by"]
    list_filter = ["report__year"]
    search_fields = ["report__official__name"]
    readonly_fields = ["tree", "tree_hash", "created_at"]
    raw_id_fields = ["report"]


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ["report", "action", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["action", "to_status"]
    search_fields = ["report__official__name", "reason"]
    raw_id_fields = ["report", "submission"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["submission", "section_index", "author", "created_at", "addressed_at"]
    search_fields = ["text", "submission__report__official__name"]
    raw_id_fields = ["submission"]


@admin.register(ContentBackup)
class ContentBackupAdmin(admin.ModelAdmin):
    list_display = ["report", "reason", "created_at", "created_by"]
    search_fields = ["report__official__name", "reason"]
    readonly_fields = ["tree", "created_at"]
    raw_id_fields = ["report"]


@admin.register(RollEntry)
class RollEntryAdmin(ReadOnlyAdmin):
    """Changed on the cycle manager's roll page, where every change is recorded."""

    list_display = ["official", "year", "added_reason", "removed_reason", "extended_until"]
    list_filter = ["year", "removed_reason"]
    search_fields = ["official__name", "official__user__username"]


@admin.register(RollChange)
class RollChangeAdmin(ReadOnlyAdmin):
    list_display = ["entry", "action", "reason", "until", "actor", "created_at"]
    list_filter = ["action"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["official", "year", "sent_on", "emailed", "sent_by"]
    list_filter = ["year", "sent_on"]
