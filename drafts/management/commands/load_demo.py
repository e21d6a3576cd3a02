"""Demo data for a local trial: units, officials, logins, years and two reports.

Idempotent: running it again changes nothing but the demo passwords (reset to the printed
ones); reports that exist are left as they are, so demo edits survive a restart.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from drafts import document
from drafts.models import (
    Official,
    Report,
    ReportingYear,
    ReportType,
    ReviewerScope,
    Submission,
    Transition,
    Unit,
)
from drafts.persistence import apply_tree, report_to_tree, sections_prefetch

LOGINS = [
    # username, password, role, staff/superuser
    ("demo", "demo-2025!", "填报人（述职人）", False),
    ("reviewer", "review-2025!", "审核人（县委组织部）", False),
    ("admin", "admin-2025!", "管理员", True),
]

COUNTY = "青禾县"
BUREAUS = ["青禾县发展和改革局", "青禾县农业农村局", "青禾县教育局"]
OFFICIALS = [
    # name, unit, post, login
    ("王建华", "青禾县发展和改革局", "局长", "demo"),
    ("刘敏", "青禾县农业农村局", "局长", None),
    ("陈立新", "青禾县教育局", "副局长", None),
]


def current_reporting_year(today: date) -> int:
    """Reports on year N are written from late N to early N+1: from July on, it is this year."""
    return today.year if today.month >= 7 else today.year - 1


def finished_report(year: int) -> document.Report:
    Sec, It = document.Section, document.Item
    return document.Report(
        title=f"{year}年度述职述廉报告",
        byline="青禾县发展和改革局局长 王建华",
        opening=(
            f"{year}年，我在县委、县政府的领导下，带领局班子和全体干部职工，围绕稳增长、抓项目、"
            "优环境三项重点任务开展工作，较好完成了年度目标。现将一年来履职和廉洁自律情况报告如下："
        ),
        sections=[
            Sec(
                heading="加强政治理论学习，筑牢思想根基",
                kind="politics",
                item_style="arabic",
                intro="把理论学习作为履职的第一课，坚持读原文、悟原理、联系实际。",
                items=[
                    It(
                        "坚持集中学习和自学相结合",
                        "全年参加县委理论学习中心组学习10次，主持局党组理论学习14次，撰写学习体会4篇。",
                    ),
                    It(
                        "注重把学习成果转化为工作思路",
                        "结合学习成果牵头完成县域经济发展形势分析报告2篇，其中关于园区闲置土地盘活的建议被县政府采纳。",
                    ),
                ],
            ),
            Sec(
                heading="聚焦主责主业，扎实履职尽责",
                kind="duties",
                item_style="arabic",
                intro="围绕年初确定的目标任务，逐项分解、按月调度。",
                items=[
                    It(
                        "项目建设提速增效",
                        "全年谋划储备项目86个、总投资152亿元；争取中央预算内投资和专项债券资金3.4亿元，同比增长21%。",
                    ),
                    It(
                        "营商环境持续优化",
                        "牵头梳理涉企审批事项47项，推行一次告知、一表申请，企业开办时间压缩到1个工作日以内。",
                    ),
                    It(
                        "粮食和能源保障有力",
                        "完成县级储备粮轮换1.2万吨，组织迎峰度夏有序用电演练2次，全年未发生拉闸限电。",
                    ),
                ],
            ),
            Sec(
                heading="落实全面从严治党责任",
                kind="party",
                item_style="arabic",
                items=[
                    It(
                        "认真履行第一责任人职责",
                        "年初与班子成员和股室负责人签订党风廉政建设责任书12份，每季度专题研究一次党风廉政工作。",
                    ),
                    It(
                        "抓实廉政风险防控",
                        "围绕项目审批、价格认定、资金分配等环节排查廉政风险点23个，逐项制定防控措施。",
                    ),
                ],
            ),
            Sec(
                heading="严守纪律规矩，保持廉洁本色",
                kind="integrity",
                item_style="arabic",
                intro=(
                    "严格遵守中央八项规定精神，按时如实报告个人有关事项。本人及配偶、子女没有在本人管辖范围内经商办企业，"
                    "没有收受礼品礼金，没有违规使用公车和办公用房。"
                ),
            ),
            Sec(
                heading="存在的问题和不足",
                kind="problems",
                item_style="arabic",
                items=[
                    It(
                        "调查研究还不够深入",
                        "到乡镇和企业调研的次数比年初计划少3次，对部分行业的困难掌握不够及时。",
                    ),
                    It(
                        "项目前期工作质量有待提高",
                        "个别储备项目可行性研究深度不够，影响了资金申报进度。",
                    ),
                ],
            ),
            Sec(
                heading="下一步工作打算",
                kind="plans",
                item_style="arabic",
                items=[
                    It(
                        "改进调研方式",
                        "每季度至少蹲点调研一次，建立重点企业问题清单，做到件件有回音。",
                    ),
                    It(
                        "提升项目谋划质量",
                        "引入第三方评审，把可行性研究深度作为项目入库的前置条件。",
                    ),
                ],
            ),
        ],
        closing="回顾一年的工作，成绩的取得离不开县委、县政府的正确领导和同志们的支持。新的一年，我将查短板、强弱项，努力把各项工作做得更好。",
        signature=document.Signature(name="王建华", date=f"{year + 1}-01-15"),
    )


def half_report(year: int, report_type: ReportType) -> document.Report:
    """The first two sections written, the rest laid out but empty."""
    Sec, It = document.Section, document.Item
    templates = list(report_type.section_templates.order_by("order", "pk"))
    sections = [
        Sec(
            heading=t.heading,
            kind=t.kind,
            item_style=t.item_style or report_type.item_style,
            inline_items=report_type.inline_items,
        )
        for t in templates
    ]
    sections[0].intro = "今年以来，我把学习贯彻党的创新理论作为首要任务，坚持学在前、用在先。"
    sections[0].items = [
        It(
            "系统学习党的理论",
            "参加县委理论学习中心组学习8次，带头讲专题党课2次，围绕高质量发展开展专题研讨3次。",
        ),
        It(
            "学以致用推动工作",
            "结合学习成果完善了重大项目全生命周期管理办法，项目平均审批时间缩短约三分之一。",
        ),
    ]
    sections[1].intro = "紧扣全县经济社会发展目标，抓重点、补短板。"
    sections[1].items = [
        It(
            "全力以赴抓项目",
            "截至11月底，全县纳入统计的固定资产投资项目开工132个，完成年度计划的93%。",
        ),
        It("持续优化营商环境", "开展涉企收费专项检查，清理不合理收费4项，为企业减负约560万元。"),
        It("", ""),
    ]
    return document.Report(
        title=f"{year}年度述职述廉报告",
        byline="青禾县发展和改革局局长 王建华",
        opening=f"{year}年，我在县委、县政府的坚强领导下，",
        sections=sections,
        signature=document.Signature(name="王建华", date=""),
    )


class Command(BaseCommand):
    help = "Load demo units, officials, logins and two reports (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-non-sqlite", action="store_true",
            help="Load the demo logins (with their published passwords) into a non-SQLite database.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if connection.vendor != "sqlite" and not options["allow_non_sqlite"]:
            raise CommandError(
                "演示数据只用于本机试用（SQLite）：其账号密码是公开的，不能装入正式数据库。"
                "确需装入请加 --allow-non-sqlite。"
            )
        users = self._users()
        county, _created = Unit.objects.get_or_create(name=COUNTY, parent=None)
        units = {COUNTY: county}
        for name in BUREAUS:
            units[name], _created = Unit.objects.get_or_create(
                name=name, defaults={"parent": county}
            )
        officials = {}
        for name, unit_name, post, login in OFFICIALS:
            official, _created = Official.objects.get_or_create(
                name=name, unit=units[unit_name], defaults={"post": post}
            )
            if login and official.user_id != users[login].pk:
                Official.objects.filter(user=users[login]).exclude(pk=official.pk).update(user=None)
                official.user = users[login]
                official.save(update_fields=["user"])
            officials[name] = official
        ReviewerScope.objects.get_or_create(user=users["reviewer"], unit=county)

        current = current_reporting_year(timezone.localdate())
        previous_year, _created = ReportingYear.objects.get_or_create(
            year=current - 1, defaults={"deadline": date(current, 1, 20), "is_open": False}
        )
        this_year, _created = ReportingYear.objects.get_or_create(
            year=current, defaults={"deadline": date(current + 1, 1, 20), "is_open": True}
        )
        report_type = ReportType.objects.get(code="shuzhi-shulian")
        demo = officials["王建华"]
        self._finished(demo, previous_year, report_type, users["reviewer"])
        if not Report.objects.filter(official=demo, year=this_year).exists():
            report = Report.objects.create(official=demo, year=this_year, report_type=report_type)
            apply_tree(report, half_report(this_year.year, report_type), bump_version=False)
            for section, template in zip(
                report.sections.order_by("order"),
                report_type.section_templates.order_by("order", "pk"),
                strict=False,
            ):
                section.hint, section.suggested_chars = template.hint, template.suggested_chars
                section.save(update_fields=["hint", "suggested_chars"])
            Report.objects.filter(pk=report.pk).update(
                current_step=f"s{report.sections.order_by('order')[1].pk}"
            )
        self._print(this_year.year)

    def _users(self):
        User = get_user_model()
        users = {}
        for username, password, _role, is_admin in LOGINS:
            user, _created = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.is_staff = user.is_superuser = is_admin
            user.save()
            users[username] = user
        return users

    def _finished(self, official, year, report_type, reviewer):
        if Report.objects.filter(official=official, year=year).exists():
            return
        report = Report.objects.create(official=official, year=year, report_type=report_type)
        apply_tree(report, finished_report(year.year), bump_version=False)
        report = Report.objects.prefetch_related(sections_prefetch()).get(pk=report.pk)
        tree = report_to_tree(report)
        submission = Submission.objects.create(
            report=report,
            number=1,
            tree=tree.to_dict(),
            tree_hash=tree.content_hash(),
            submitted_by=official.user,
        )
        Transition.objects.create(
            report=report,
            submission=submission,
            action="submit",
            from_status="draft",
            to_status="submitted",
            actor=official.user,
        )
        Transition.objects.create(
            report=report,
            submission=submission,
            action="approve",
            from_status="submitted",
            to_status="approved",
            actor=reviewer,
        )
        Report.objects.filter(pk=report.pk).update(status=Report.Status.APPROVED)

    def _print(self, this_year):
        out = self.stdout
        out.write("")
        out.write("演示数据已就绪。请用浏览器打开 http://127.0.0.1:8000/")
        out.write("演示账号：")
        for username, password, role, _is_admin in LOGINS:
            out.write(f"  {role}：用户名 {username}  密码 {password}")
        out.write(
            f"填报人王建华有一份已审核通过的{this_year - 1}年度报告和一份写了一半的{this_year}年度报告。"
        )
