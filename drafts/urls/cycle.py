from django.urls import path

from ..accounts import manage_views as accounts
from ..cycle import roster_views as roster
from ..cycle import views as cycle

urlpatterns = [
    path("cycle/", cycle.home, name="cycle_home"),
    path("cycle/years/open/", cycle.open_year, name="cycle_open_year"),
    path("cycle/years/<int:year>/roll/", cycle.roll_page, name="cycle_roll"),
    path("cycle/years/<int:year>/roll/add/", cycle.roll_add, name="cycle_roll_add"),
    path("cycle/years/<int:year>/settings/", cycle.year_settings, name="cycle_year_settings"),
    path("cycle/years/<int:year>/remind/", cycle.remind, name="cycle_remind"),
    path("cycle/roll/<int:pk>/remove/", cycle.roll_remove, name="cycle_roll_remove"),
    path("cycle/roll/<int:pk>/extend/", cycle.roll_extend, name="cycle_roll_extend"),
    path("cycle/roster/", roster.roster, name="cycle_roster"),
    path("cycle/roster/template.<str:fmt>", roster.template_file, name="cycle_roster_template"),
    path("cycle/roster/import/", roster.roster_import, name="cycle_roster_import"),
    path("cycle/roster/cancel/", roster.roster_cancel, name="cycle_roster_cancel"),
    path(
        "cycle/roster/passwords/<str:token>.<str:fmt>",
        roster.passwords_file,
        name="cycle_roster_passwords",
    ),
    path("cycle/accounts/", accounts.accounts, name="cycle_accounts"),
    path("cycle/accounts/<int:pk>/reset/", accounts.reset_password, name="cycle_account_reset"),
    path("cycle/accounts/<int:pk>/active/", accounts.set_active, name="cycle_account_active"),
    # the progress board: managers and reviewers
    path("progress/", cycle.board, name="cycle_board"),
    path("progress/list/", cycle.board_list, name="cycle_board_list"),
    path("progress/board.xlsx", cycle.board_xlsx, name="cycle_board_xlsx"),
    path("progress/list.xlsx", cycle.board_list_xlsx, name="cycle_board_list_xlsx"),
]
