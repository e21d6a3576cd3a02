"""The cycle manager's pages (years, roll, extensions, reminders) and the progress board
(managers: every unit; reviewers: their scope)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Official, Reminder, ReportingYear, RollChange, RollEntry
from . import board as boards
from . import exports, reminders, roll
from .forms import AddToRollForm, DeadlineForm, ExtensionForm, OpenYearForm, RemoveFromRollForm
from .permissions import board_unit_ids, is_manager, manager_required

LIST_MAX = 2000  # rows shown on the page; the XLSX export has them all


@manager_required
def home(request):
    years = ReportingYear.objects.annotate(
        on_roll=Count("roll", filter=Q(roll__removed_at=None))
    ).order_by("-year")
    return render(request, "cycle/home.html", {"years": years})


@manager_required
def open_year(request):
    form = OpenYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        year, _created = ReportingYear.objects.get_or_create(year=form.cleaned_data["year"])
        year.deadline = form.cleaned_data["deadline"]
        year.is_open = True
        year.save(update_fields=["deadline", "is_open"])
        n = roll.open_year(year, form.cleaned_data["units"], request.user)
        messages.success(
            request, _("The year %(year)s is open; %(n)s officials are on its roll.") % {"year": year.year, "n": n}
        )
        return redirect("cycle_roll", year=year.year)
    return render(request, "cycle/open_year.html", {"form": form})


def _year(year) -> ReportingYear:
    return get_object_or_404(ReportingYear, year=year)


@manager_required
def roll_page(request, year):
    year = _year(year)
    entries = (
        RollEntry.objects.filter(year=year)
        .select_related("official__unit", "official__user")
        .order_by("removed_at", "official__unit__name", "official__name")
    )
    states = dict(roll.members(year).values_list("pk", "state")) if year.has_roll else {}
    today = timezone.localdate()
    reminded = set(
        Reminder.objects.filter(year=year, sent_on=today).values_list("official_id", flat=True)
    )
    labels = dict(boards.column_labels())
    rows = [
        {
            "entry": e,
            "state_label": labels.get(states.get(e.official_id), ""),
            "reminded": e.official_id in reminded,
        }
        for e in entries
    ]
    reasons = {**dict(RollEntry.Added.choices), **dict(RollEntry.Removed.choices)}
    changes = list(
        RollChange.objects.filter(entry__year=year)
        .select_related("entry__official", "actor")
        .order_by("-created_at", "-pk")[:50]
    )
    for c in changes:
        c.reason_label = reasons.get(c.reason, "")
    return render(
        request,
        "cycle/roll.html",
        {
            "year": year,
            "rows": rows,
            "active": sum(1 for r in rows if r["entry"].removed_at is None),
            "changes": changes,
            "add_form": AddToRollForm(),
            "remove_form": RemoveFromRollForm(),
            "extension_form": ExtensionForm(),
            "deadline_form": DeadlineForm(initial={"deadline": year.deadline, "is_open": year.is_open}),
            "to_remind": len(reminders.due(year, today)) if year.has_roll and year.is_open else 0,
        },
    )


def _form_errors(request, form):
    for errors in form.errors.values():
        messages.error(request, errors[0])


@manager_required
@require_POST
def roll_add(request, year):
    year = _year(year)
    form = AddToRollForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("cycle_roll", year=year.year)
    if not year.has_roll:
        messages.error(request, _("This year has no roll yet; open it first."))
        return redirect("cycle_roll", year=year.year)
    official = Official.objects.filter(user__username=form.cleaned_data["login"]).first()
    if official is None:
        messages.error(
            request, _("No official has the login name “%(login)s”. Import them with the roster first.")
            % {"login": form.cleaned_data["login"]},
        )
        return redirect("cycle_roll", year=year.year)
    try:
        roll.add(year, official, form.cleaned_data["reason"], request.user, form.cleaned_data["note"])
        messages.success(request, _("%(name)s was added to the roll.") % {"name": official.name})
    except roll.RollError as exc:
        messages.error(request, str(exc))
    return redirect("cycle_roll", year=year.year)


def _entry(pk) -> RollEntry:
    return get_object_or_404(RollEntry.objects.select_related("year", "official"), pk=pk)


@manager_required
@require_POST
def roll_remove(request, pk):
    entry = _entry(pk)
    form = RemoveFromRollForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            roll.remove(entry, form.cleaned_data["reason"], request.user, form.cleaned_data["note"])
            messages.success(request, _("%(name)s was removed from the roll.") % {"name": entry.official.name})
        except roll.RollError as exc:
            messages.error(request, str(exc))
    return redirect("cycle_roll", year=entry.year.year)


@manager_required
@require_POST
def roll_extend(request, pk):
    entry = _entry(pk)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            roll.extend(entry, form.cleaned_data["until"], request.user, form.cleaned_data["note"])
            messages.success(
                request, _("%(name)s may write until %(date)s.")
                % {"name": entry.official.name, "date": form.cleaned_data["until"].strftime("%Y-%m-%d")},
            )
        except roll.RollError as exc:
            messages.error(request, str(exc))
    return redirect("cycle_roll", year=entry.year.year)


@manager_required
@require_POST
def year_settings(request, year):
    year = _year(year)
    form = DeadlineForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        year.deadline, year.is_open = form.cleaned_data["deadline"], form.cleaned_data["is_open"]
        year.save(update_fields=["deadline", "is_open"])
        messages.success(request, _("The deadline and state of the year were saved."))
    return redirect("cycle_roll", year=year.year)


@manager_required
@require_POST
def remind(request, year):
    year = _year(year)
    if not year.has_roll or not year.is_open:
        messages.error(request, _("Reminders go to the roll of an open year."))
        return redirect("cycle_roll", year=year.year)
    sent = reminders.send(year, request.user)
    if sent.reminded:
        messages.success(
            request,
            _("%(n)s reminder(s) sent (%(e)s by e-mail, all as a notice on the home page).")
            % {"n": sent.reminded, "e": sent.emailed},
        )
    if sent.already_today:
        messages.info(
            request, _("%(n)s official(s) were already reminded today and were not reminded again.")
            % {"n": sent.already_today},
        )
    if not sent.reminded and not sent.already_today:
        messages.info(request, _("Everyone on the roll has submitted; nobody to remind."))
    return redirect("cycle_roll", year=year.year)


# -- the progress board (managers and reviewers) --------------------------------------------


def _board_year(request):
    years = list(ReportingYear.objects.order_by("-year"))
    if not years:
        return years, None
    chosen = request.GET.get("year")
    return years, next((y for y in years if str(y.year) == chosen), years[0])


@login_required
def board(request):
    ids = board_unit_ids(request.user)
    years, year = _board_year(request)
    nodes = boards.board(year, ids) if year else []
    return render(
        request,
        "cycle/board.html",
        {
            "years": years,
            "year": year,
            "nodes": nodes,
            "rows": boards.rows(nodes),
            "list_url": reverse("cycle_board_list"),
            "columns": boards.column_labels(),
            "legend": [(boards.COLOURS[k], label) for k, label in boards.column_labels()[:-1]],
            "is_manager": is_manager(request.user),
        },
    )


def _list_args(request, ids):
    years, year = _board_year(request)
    if year is None:
        raise Http404("no year")
    unit = request.GET.get("unit", "")
    scope = ids
    if unit:
        if not unit.isdigit() or int(unit) not in ids:
            raise Http404("no such unit")
        scope = frozenset(ids & roll.unit_ids_of([int(unit)]))
    state = request.GET.get("state", "")
    if state and state not in boards.COLUMNS:
        state = ""
    return year, (int(unit) if unit else None), scope, state


@login_required
def board_list(request):
    ids = board_unit_ids(request.user)
    year, unit, scope, state = _list_args(request, ids)
    people = list(roll.in_state(year, scope, state)[:LIST_MAX])
    labels = dict(boards.column_labels())
    for o in people:
        o.state_label = labels.get(o.state, o.state)
    return render(
        request,
        "cycle/board_list.html",
        {
            "year": year,
            "unit": unit,
            "unit_name": _unit_name(unit),
            "state": state,
            "state_label": labels.get(state, _("Everyone on the roll")),
            "people": people,
            "labels": labels,
            "query": request.GET.urlencode(),
        },
    )


def _unit_name(unit_id):
    from ..models import Unit

    return Unit.objects.filter(pk=unit_id).values_list("name", flat=True).first() if unit_id else ""


@login_required
def board_xlsx(request):
    ids = board_unit_ids(request.user)
    _years, year = _board_year(request)
    if year is None:
        raise Http404("no year")
    data = exports.board_xlsx(year, boards.board(year, ids))
    return exports.response(data, f"progress-{year.year}.xlsx")


@login_required
def board_list_xlsx(request):
    ids = board_unit_ids(request.user)
    year, _unit, scope, state = _list_args(request, ids)
    data = exports.list_xlsx(year, roll.in_state(year, scope, state), dict(boards.column_labels()))
    return exports.response(data, f"officials-{year.year}-{state or 'all'}.xlsx")

