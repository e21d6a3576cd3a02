"""Administration of units, officials, accounts, reviewer assignments, years and reports."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Comment,
    ContentBackup,
    Entry,
    Official,
    Report,
    ReportingYear,
    ReportType,
    ReviewerScope,
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


class SectionInline(admin.StackedInline):
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
    readonly_fields = ["version", "created_at", "updated_at"]
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

    def save_model(self, request, obj, form, change):
        # An edit here must make open wizards' saves stale rather than overwrite it.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


class EntryInline(admin.StackedInline):
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


@admin.register(ReviewerScope)
class ReviewerScopeAdmin(admin.ModelAdmin):
    list_display = ["user", "unit"]
    list_filter = ["unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["report", "number", "created_at", "submitted_by"]
    list_filter = ["report__year"]
    search_fields = ["report__official__name"]
    readonly_fields = ["tree", "tree_hash", "created_at"]
    raw_id_fields = ["report"]


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
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
