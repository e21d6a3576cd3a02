"""Data of the drafting and review workflow.

The report's content lives in Report/Section/Entry while it is being written; what a
submission freezes is the report tree (``drafts.document``) stored as JSON.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import workflow
from .document import (
    ITEM_STYLE_LABELS,
    LEAD_MAX,
    LINE_MAX,
    NAME_MAX,
    SECTION_KIND_LABELS,
    stored_length,
)

ITEM_STYLE_CHOICES = list(ITEM_STYLE_LABELS.items())
SECTION_KIND_CHOICES = list(SECTION_KIND_LABELS.items())


class Unit(models.Model):
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self):
        return self.name



class Official(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("login"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="official",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="officials")
    post = models.CharField(_("post"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["unit__name", "name"]

    def __str__(self):
        return f"{self.name}（{self.unit}）"


class ReportingYear(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    is_open = models.BooleanField(_("open for reports"), default=True)
    # Set when the year was opened with a roll (drafts.cycle.roll): then only the officials
    # on the roll report and every count is taken against it. A year made in the admin
    # without a roll counts every official, as before.
    has_roll = models.BooleanField(_("kept with a roll"), default=False)
    units = models.ManyToManyField(
        "Unit", verbose_name=_("units reporting"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reporting year")
        verbose_name_plural = _("reporting years")
        ordering = ["-year"]
        permissions = [("manage_cycle", _("Can run the reporting cycle (roster, roll, reminders)"))]

    def __str__(self):
        return str(self.year)


class ReportType(models.Model):
    """A kind of report (述职述廉, 德能勤绩廉 …) and its default sections: data, not code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50)
    description = models.CharField(_("description"), max_length=300, blank=True)
    title_pattern = models.CharField(
        _("title pattern"), max_length=100, default="{year}年度{name}报告",
        help_text=_("{year} and {name} are replaced."),
    )
    item_style = models.CharField(_("default item numbering"), max_length=10, choices=ITEM_STYLE_CHOICES, default="arabic")
    inline_items = models.BooleanField(_("items run on in one paragraph"), default=False)
    suggested_chars = models.PositiveIntegerField(_("suggested length (characters)"), default=5000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("report type")
        verbose_name_plural = _("report types")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class SectionTemplate(models.Model):
    report_type = models.ForeignKey(ReportType, on_delete=models.CASCADE, related_name="section_templates")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=SECTION_KIND_CHOICES, default="other")
    heading = models.CharField(_("heading"), max_length=LINE_MAX)
    hint = models.TextField(_("writing hint"), blank=True)
    suggested_chars = models.PositiveIntegerField(_("suggested length (characters)"), default=800)
    item_style = models.CharField(_("item numbering"), max_length=10, choices=ITEM_STYLE_CHOICES, blank=True,
                                  help_text=_("Empty: the report type's default."))
    suggested_items = models.PositiveSmallIntegerField(_("suggested number of items"), default=3)

    class Meta:
        verbose_name = _("section template")
        verbose_name_plural = _("section templates")
        ordering = ["report_type", "order", "pk"]

    def __str__(self):
        return self.heading


class ReportQuerySet(models.QuerySet):
    """Reports by who may see them (the scope rules are ``drafts.access``)."""

    def owned_by(self, user):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(official__user=user)

    def reviewable_by(self, user):
        """Reports of the units ``user`` reviews (their assigned units and every unit below)."""
        from .access import reviewer_unit_ids, reviews_every_unit

        ids = reviewer_unit_ids(user)
        if not ids:
            return self.none()
        if reviews_every_unit(user):
            return self.all()  # a reviewer of every unit: no scope join for counts and sorts
        return self.in_units(ids)

    def in_units(self, unit_ids):
        """Reports of officials of these units (a subquery on officials keeps SQLite on its
        indexes, see bench/review_queue.py)."""
        return self.filter(official__in=Official.objects.filter(unit_id__in=unit_ids).values("pk"))

    def visible_to(self, user):
        return self.owned_by(user) | self.reviewable_by(user)


class Report(models.Model):
    # The statuses, their labels and their queue order come from the workflow table.
    Status = models.TextChoices(
        "Status", [(s.code.upper(), (s.code, s.label)) for s in workflow.STATUS_TABLE]
    )

    official = models.ForeignKey(Official, verbose_name=_("official"), on_delete=models.PROTECT, related_name="reports")
    year = models.ForeignKey(ReportingYear, verbose_name=_("year"), on_delete=models.PROTECT, related_name="reports")
    report_type = models.ForeignKey(ReportType, verbose_name=_("report type"), on_delete=models.PROTECT, related_name="reports")
    title = models.CharField(_("title"), max_length=stored_length(LINE_MAX), blank=True)
    subtitle = models.CharField(_("subtitle"), max_length=stored_length(LINE_MAX), blank=True)
    byline = models.CharField(_("byline"), max_length=stored_length(LINE_MAX), blank=True)
    opening = models.TextField(_("opening"), blank=True)
    closing = models.TextField(_("closing"), blank=True)
    signature_name = models.CharField(_("signature name"), max_length=stored_length(NAME_MAX), blank=True)
    signature_date = models.DateField(_("signature date"), null=True, blank=True)
    has_signature = models.BooleanField(_("print a signature"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1, help_text=_("Incremented on every save; stale saves are refused."))
    current_step = models.CharField(_("last wizard step"), max_length=20, default="start")
    # The day of the last saved version of the content (``SavedVersion``, reason "day"): the
    # first change on a later day keeps the content as it was before it.
    versioned_on = models.DateField(_("last daily version"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The reviewer queue's default order (awaiting review first), kept by the database so
    # that an index can serve "ORDER BY status_rank, updated_at DESC" without sorting.
    status_rank = models.GeneratedField(
        expression=models.Case(
            *(
                models.When(status=s.code, then=models.Value(s.queue_rank))
                for s in sorted(workflow.STATUS_TABLE, key=lambda s: s.queue_rank)[:-1]
            ),
            default=models.Value(max(s.queue_rank for s in workflow.STATUS_TABLE)),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("queue order"),
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-year__year", "official__name"]
        constraints = [
            models.UniqueConstraint(fields=["official", "year"], name="one_report_per_official_and_year"),
        ]
        indexes = [
            models.Index(fields=["status", "year"]),
            # Covers the reviewer queue's scope filter and sort keys (an index-only scan on
            # SQLite and PostgreSQL, so long report texts are never read while sorting).
            models.Index(fields=["official", "year", "status", "updated_at"], name="report_queue_idx"),
            # The default queue order: the first pages of a wide scope read a few index entries.
            models.Index(fields=["status_rank", "-updated_at", "id"], name="report_rank_idx"),
        ]

    def __str__(self):
        return f"{self.year.year} {self.official.name} {self.report_type.name}"

    @property
    def is_editable(self):
        return workflow.is_editable(self.status)

    def latest_submission(self):
        """The last submission (its frozen tree is what reviewers read), or None."""
        return self.submissions.order_by("-number").first()


class Section(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=SECTION_KIND_CHOICES, blank=True)
    heading = models.CharField(_("heading"), max_length=stored_length(LINE_MAX), blank=True)
    intro = models.TextField(_("intro"), blank=True)
    item_style = models.CharField(_("item numbering"), max_length=10, choices=ITEM_STYLE_CHOICES, default="arabic")
    inline_items = models.BooleanField(_("items run on in one paragraph"), default=False)
    hint = models.TextField(_("writing hint"), blank=True)
    suggested_chars = models.PositiveIntegerField(_("suggested length (characters)"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["report", "order", "pk"]

    def __str__(self):
        return self.heading


class Entry(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="entries")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    lead = models.CharField(_("lead sentence"), max_length=stored_length(LEAD_MAX), blank=True)
    body = models.TextField(_("body"), blank=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["section", "order", "pk"]

    def __str__(self):
        return self.lead


class PartVersion(models.Model):
    """The version of one part of a draft, its optimistic lock (``drafting.locking.take_lock``).

    Parts: ``start`` (title, subtitle, byline, opening), ``end`` (closing and signature),
    ``structure`` (which sections, in which order) and ``section:<pk>`` (a section's fields
    and its items). Two edits conflict only when they change the same part. ``writer`` and
    ``seq`` name the browser tab that saved it last and that tab's number of the save, so
    that a tab's own saves arriving out of order (a save sent as the page unloads, then the
    reloaded page's) are put in order instead of refused. A missing row is version 0.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="part_versions")
    part = models.CharField(max_length=30)
    version = models.PositiveIntegerField(default=0)
    writer = models.CharField(max_length=40, blank=True)
    seq = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("part version")
        verbose_name_plural = _("part versions")
        constraints = [
            models.UniqueConstraint(fields=["report", "part"], name="one_version_per_report_part")
        ]

    def __str__(self):
        return f"{self.report_id}/{self.part}@{self.version}"


class SavedVersion(models.Model):
    """A version of a report's content in its writer's history: the content before the first
    change of a day, before an import or a restore, and as a carry-over started. Submissions
    are versions too (their frozen trees); the history lists both."""

    class Reason(models.TextChoices):
        DAY = "day", _("Before the first change of the day")
        IMPORT = "import", _("Before an import")
        CARRY_OVER = "carry-over", _("Carried over")
        RESTORE = "restore", _("Before restoring an earlier version")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="saved_versions")
    tree = models.JSONField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("saved version")
        verbose_name_plural = _("saved versions")

    def __str__(self):
        return f"{self.report} @ {self.created_at:%Y-%m-%d %H:%M} ({self.reason})"


class PromiseAnswer(models.Model):
    """How this year's report answers one of last year's promises (an item of its plans):
    the passage that reports on it, or "not done" and why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="promise_answers")
    index = models.PositiveSmallIntegerField(_("promise"))  # in checks.promises.promises_of(last year)
    promise = models.TextField(_("promise text"))  # as it read when answered
    entry = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("passage"))
    not_done = models.BooleanField(_("not done"), default=False)
    reason = models.TextField(_("why not done"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer to a promise")
        verbose_name_plural = _("answers to promises")
        constraints = [models.UniqueConstraint(fields=["report", "index"], name="one_answer_per_promise")]

    def __str__(self):
        return self.promise[:50]

    @property
    def answered(self) -> bool:
        return self.entry_id is not None or (self.not_done and bool(self.reason.strip()))


class ContentBackup(models.Model):
    """A report's tree kept before its content was replaced (import, carry-over), for recovery."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="backups")
    tree = models.JSONField()
    reason = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("content backup")
        verbose_name_plural = _("content backups")

    def __str__(self):
        return f"{self.report} @ {self.created_at:%Y-%m-%d %H:%M}"


# -- review ------------------------------------------------------------------


class ReviewerScope(models.Model):
    """A reviewer may review the reports of this unit and of every unit below it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="review_scopes")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="reviewer_scopes")

    class Meta:
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="unique_reviewer_scope")]

    def __str__(self):
        return f"{self.user} → {self.unit}"


class Submission(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField(_("submission number"))
    tree = models.JSONField(_("frozen report tree"))
    tree_hash = models.CharField(_("tree hash"), max_length=64, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    opened_at = models.DateTimeField(_("first opened by a reviewer"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="unique_submission_number")]

    def __str__(self):
        return f"{self.report} #{self.number}"


class Transition(models.Model):
    """Every status change: who, when, from, to, why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions")
    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="transitions")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=10, choices=Report.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=Report.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.report}: {self.from_status} → {self.to_status}"


class Comment(models.Model):
    """A reviewer's comment on a section (or one item of it) of a submission."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    section_index = models.PositiveSmallIntegerField(_("section"), null=True, blank=True)
    item_index = models.PositiveSmallIntegerField(_("item"), null=True, blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    addressed_at = models.DateTimeField(_("addressed"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class Event(models.Model):
    """A line in a user's list of recent events (and the e-mail sent for it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="events")
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text


class ZipJob(models.Model):
    """A ZIP of the approved reports of a unit (or of the whole scope) for one year, built in
    the background from the render cache."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # None: every unit of the reviewer's scope
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="+")
    formats = models.CharField(max_length=40, default="pdf")  # extensions, comma-separated
    unit_ids = models.JSONField(default=list, blank=True)  # units of the reports inside
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    path = models.CharField(max_length=300, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.unit or '*'} {self.year} ({self.state})"

    @property
    def extensions(self) -> list[str]:
        return [e for e in self.formats.split(",") if e]



# -- the reporting cycle: accounts, the year's roll, reminders ---------------------------


class AccountState(models.Model):
    """What the login pages need to know about a user beyond Django's ``User``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_state"
    )
    # An issued one-time password (roster import, reset): changed before anything else.
    must_change_password = models.BooleanField(_("must change the password"), default=False)
    password_issued_at = models.DateTimeField(_("password issued"), null=True, blank=True)

    class Meta:
        verbose_name = _("account state")
        verbose_name_plural = _("account states")

    def __str__(self):
        return str(self.user)


class RollEntry(models.Model):
    """An official who must report for a year (述职名单), and why they were added or removed."""

    class Added(models.TextChoices):
        OPENED = "opened", _("On the roll when the year opened")
        TRANSFERRED_IN = "in", _("Transferred in")
        NEWLY_APPOINTED = "new", _("Newly appointed")

    class Removed(models.TextChoices):
        TRANSFERRED_OUT = "out", _("Transferred out")
        EXEMPTED = "exempt", _("Exempted from reporting")

    year = models.ForeignKey(ReportingYear, verbose_name=_("year"), on_delete=models.CASCADE, related_name="roll")
    official = models.ForeignKey(Official, verbose_name=_("official"), on_delete=models.PROTECT, related_name="roll_entries")
    added_reason = models.CharField(_("added because"), max_length=10, choices=Added.choices, default=Added.OPENED)
    removed_reason = models.CharField(_("removed because"), max_length=10, choices=Removed.choices, blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    extended_until = models.DateField(_("extension until"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("roll entry")
        verbose_name_plural = _("roll entries")
        constraints = [models.UniqueConstraint(fields=["year", "official"], name="one_roll_entry_per_official")]
        indexes = [models.Index(fields=["year", "removed_at", "official"], name="roll_year_idx")]

    def __str__(self):
        return f"{self.year} {self.official}"


class RollChange(models.Model):
    """Every change of a roll: added, removed, extension granted — who, when, why."""

    class Action(models.TextChoices):
        ADDED = "added", _("Added")
        REMOVED = "removed", _("Removed")
        EXTENDED = "extended", _("Extension granted")

    entry = models.ForeignKey(RollEntry, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    reason = models.CharField(_("reason"), max_length=10, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("roll change")
        verbose_name_plural = _("roll changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.entry}: {self.action}"


class Reminder(models.Model):
    """A reminder sent to an official on the roll (at most one a day)."""

    year = models.ForeignKey(ReportingYear, verbose_name=_("year"), on_delete=models.CASCADE, related_name="+")
    official = models.ForeignKey(Official, verbose_name=_("official"), on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField(_("sent on"))
    emailed = models.BooleanField(_("by e-mail"), default=False)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "official", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self):
        return f"{self.official} {self.sent_on}"
