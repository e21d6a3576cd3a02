"""Seed the four common report types with their default sections.

Adding or changing a type afterwards is done in the admin: it is data, not code.
The headings are defaults the official may reword; the hints are the product's own.
"""

from django.db import migrations

TYPES = [
    {
        "code": "shuzhi-shulian",
        "name": "述职述廉",
        "description": "履行岗位职责和遵守廉洁纪律情况的年度报告，最常用的类型。",
        "item_style": "arabic",
        "inline_items": False,
        "suggested_chars": 5000,
        "sections": [
            ("politics", "加强政治理论学习，筑牢思想根基",
             "写清本年度参加理论学习的方式和次数、学习的重点内容，以及学习如何转化为工作思路。用具体事例和数字，少用口号。", 700, 3),
            ("duties", "聚焦主责主业，扎实履职尽责",
             "按分管领域逐项写出年初目标、采取的措施和取得的成效，尽量给出可核对的数字（完成率、同比变化）。这是报告的主体，篇幅宜最长。", 2000, 4),
            ("party", "落实全面从严治党责任",
             "说明履行“一岗双责”的做法：部署、检查、约谈、整改各做了什么，分管范围内的廉政风险点如何防控。", 800, 3),
            ("integrity", "严守纪律规矩，保持廉洁本色",
             "如实报告遵守中央八项规定精神、个人有关事项报告、亲属从业、收受礼品礼金等方面的情况，没有的也要写明“没有”。", 700, 3),
            ("problems", "存在的问题和不足",
             "写自己的问题，不写单位的困难；问题要具体，能对应到上面的某项工作，避免套话。", 500, 3),
            ("plans", "下一步工作打算",
             "针对上一节的问题逐条提出改进措施和时间安排，做到问题与措施一一对应。", 500, 3),
        ],
    },
    {
        "code": "shuzhi-shude-shulian-shufa",
        "name": "述职述德述廉述法",
        "description": "同时报告履职、品德、廉洁和学法用法情况，多用于领导班子成员。",
        "item_style": "paren",
        "inline_items": False,
        "suggested_chars": 6000,
        "sections": [
            ("duties", "述职：履行岗位职责情况",
             "围绕年度目标任务，写分管工作的主要举措和成效，突出本人亲自推动的事项。", 2000, 4),
            ("politics", "述德：思想政治和道德品行情况",
             "写政治立场、理论学习、作风养成和社会公德、家庭美德方面的表现，可举一两个具体事例。", 800, 3),
            ("integrity", "述廉：党风廉政建设和廉洁自律情况",
             "写履行廉政责任和个人遵规守纪的情况，涉及八项规定、个人事项报告等内容要逐项说明。", 900, 3),
            ("law", "述法：学法用法和依法履职情况",
             "写本年度学法的内容和学时、重大决策合法性审查、行政执法监督、解决涉法问题的实例。", 900, 3),
            ("problems", "存在的主要问题",
             "对照职、德、廉、法四个方面查找自身差距，问题要具体。", 500, 3),
            ("plans", "今后努力方向",
             "针对存在问题提出改进措施，措施要可检查。", 500, 3),
        ],
    },
    {
        "code": "de-neng-qin-ji-lian",
        "name": "德能勤绩廉",
        "description": "按德、能、勤、绩、廉五个方面报告，多用于年度考核。",
        "item_style": "ordinal",
        "inline_items": True,
        "suggested_chars": 4500,
        "sections": [
            ("politics", "德：坚定理想信念，提升政治素养",
             "写政治品质和道德品行：理论学习、党性修养、遵守社会公德的表现。", 700, 3),
            ("other", "能：加强学习实践，提高履职能力",
             "写业务能力的提升：参加的培训、研究解决的难题、提出并被采纳的建议。", 700, 3),
            ("conduct", "勤：保持务实作风，勤勉敬业",
             "写工作态度和出勤、调研、服务群众的情况，可用天数、次数说明。", 600, 3),
            ("duties", "绩：完成目标任务，取得工作实效",
             "写年度工作任务的完成情况和突出成绩，用数据说话，是本报告的重点。", 1300, 4),
            ("integrity", "廉：严于律己，清正廉洁",
             "写遵守廉洁纪律、落实八项规定精神和个人有关事项的情况。", 600, 3),
            ("problems", "存在的不足和改进措施",
             "写主要不足及针对性的改进打算。", 600, 3),
        ],
    },
    {
        "code": "xue-zhi-fa-lian",
        "name": "学职法廉",
        "description": "按学习、履职、守法、廉洁四个方面报告。",
        "item_style": "arabic",
        "inline_items": False,
        "suggested_chars": 4500,
        "sections": [
            ("politics", "坚持学习，提升理论素养",
             "写学习的内容、方式和收获，说明学习如何用于指导工作。", 700, 3),
            ("duties", "履职尽责，推动工作落实",
             "写分管工作的措施与成效，突出重点任务和数据。", 1600, 4),
            ("law", "尊法守法，坚持依法办事",
             "写学法用法、依法决策和依法履职的具体做法。", 700, 3),
            ("integrity", "廉洁自律，守住纪律底线",
             "写落实廉政责任和个人廉洁自律的情况。", 700, 3),
            ("problems", "存在的问题及努力方向",
             "写查找出的不足和下一步的改进措施。", 700, 3),
        ],
    },
]


def seed(apps, schema_editor):
    ReportType = apps.get_model("drafts", "ReportType")
    SectionTemplate = apps.get_model("drafts", "SectionTemplate")
    for order, data in enumerate(TYPES):
        report_type, created = ReportType.objects.get_or_create(
            code=data["code"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "title_pattern": "{year}年度{name}报告",
                "item_style": data["item_style"],
                "inline_items": data["inline_items"],
                "suggested_chars": data["suggested_chars"],
                "order": order,
            },
        )
        if not created:
            continue
        for s_order, (kind, heading, hint, chars, items) in enumerate(data["sections"]):
            SectionTemplate.objects.create(
                report_type=report_type, order=s_order, kind=kind, heading=heading,
                hint=hint, suggested_chars=chars, suggested_items=items,
            )


def unseed(apps, schema_editor):
    ReportType = apps.get_model("drafts", "ReportType")
    ReportType.objects.filter(code__in=[t["code"] for t in TYPES], reports__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("drafts", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
