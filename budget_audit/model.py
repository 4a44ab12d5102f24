"""The `Disclosure`: everything the recogniser found in one document, typed.

Rules read this and nothing else. Amounts are `Cell`s: the printed text, its exact Decimal value
(None when the cell is blank), and where it was printed, so every finding can name its table, row,
column and page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum

from budget_audit.money import decimals_of, step_for_decimals


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use error, warning or info)") from None


# Column roles: what a numeric column of a table means, whatever its printed header says.
TOTAL = "total"                 # 合计 / 小计 / 金额 / 预算数
CURRENT = "current"             # 当年预算安排 / 本年
CARRYOVER = "carryover"         # 上年结转(安排)
BASIC = "basic"                 # 基本支出
PROJECT = "project"             # 项目支出
GENERAL = "general"             # 一般公共预算
FUND = "fund"                   # 政府性基金预算
SOE = "soe"                     # 国有资本经营预算
SPECIAL = "special"             # 财政专户管理资金
UNIT_FUNDS = "unit_funds"       # 单位资金
BUSINESS = "business"           # 事业收入
OPERATING = "operating"         # 事业单位经营收入
SUPERIOR = "superior"           # 上级补助收入
AFFILIATED = "affiliated"       # 附属单位上缴收入
OTHER = "other"                 # 其他收入
BALANCE_USED = "balance_used"   # 使用非财政拨款结余 / 用事业基金弥补收支差额: past surpluses spent this year
ACCOUNT_BALANCE = "account_balance"   # 上年实户资金余额 (Xi'an): last year's balance in the unit's own account
REMIT = "remit"                 # 上缴上级支出
OPERATING_EXP = "operating_exp"  # 事业单位经营支出
SUBSIDY = "subsidy"             # 对附属单位补助支出
PERSONNEL = "personnel"         # 人员经费
PUBLIC = "public"               # 公用经费
PRIOR = "prior"                 # 上年预算数 / 上年执行数
CHANGE = "change"               # 增减额
CHANGE_RATE = "change_rate"     # 增减%
FISCAL = "fiscal"               # 财政拨款 (合计 of the three funds)
RESERVE = "reserve"             # 单位预留机动经费 (Jiangsu 2017–2019 third expenditure column)

# Row kinds in the summary tables (BT01/BT04) and list tables.
ITEM = "item"
TOTAL_ROW = "total"                 # 合计 / 总计 of a list or coded table
CURRENT_TOTAL = "current_total"     # 本年收入合计 / 本年支出合计
GRAND_TOTAL = "grand_total"         # 收入总计 / 支出总计
UNIT_TOTAL_ROW = "unit_total"       # a 预算单位 row of a table broken down by unit: that unit's own total
SPLIT_TOTAL_ROW = "split_total"     # 人员经费合计 / 公用经费合计 closing the blocks of a 决算 基本支出表 (item says which)
CARRYOVER_ROW = "carryover"         # 上年结转 (income side)
CARRYFORWARD_ROW = "carryforward"   # 年终结转 / 结转下年 (expenditure side)
SURPLUS_USE_ROW = "surplus_use"     # 使用非财政拨款结余 / 用事业基金弥补收支差额
SURPLUS_SHARE_ROW = "surplus_share"  # 结余分配 (决算), or another line added to 本年支出合计 for 支出总计

INCOME = "income"
EXPENDITURE = "expenditure"
NARRATIVE = "narrative"         # the `table` of a Cell that stands for an amount quoted in the narrative


@dataclass
class Cell:
    """One printed amount."""

    text: str
    value: Decimal | None
    unit: str
    table: str
    row: str
    column: str
    page: int | None = None
    line: int | None = None
    step: Decimal = Decimal("0.01")
    sources: tuple["Cell", ...] = ()   # for a figure derived from printed cells (a sum by class): those cells
    context: str | None = None          # for an amount quoted in the narrative: its sentence
    # where it is printed: PDF user space (points, origin bottom-left of the unrotated page, read/frame.py);
    # None without positions (a text dump, a bundle). Not part of the cell's identity.
    bbox: tuple[float, float, float, float] | None = field(default=None, compare=False)

    @property
    def blank(self) -> bool:
        return self.value is None

    @property
    def amount(self) -> Decimal:
        return self.value if self.value is not None else Decimal(0)

    @property
    def decimals(self) -> int:
        return decimals_of(self.value) if self.value is not None else 0

    def key(self) -> tuple:
        return (self.table, self.line, self.row, self.column)


@dataclass
class Column:
    index: int
    role: str | None
    label: str
    side: str | None = None


@dataclass
class Row:
    label: str                      # the printed name, ordinal stripped (e.g. 社会保障和就业支出)
    printed: str                    # the name cell as printed (e.g. 八、社会保障和就业支出)
    cells: dict[str, Cell]          # column role → cell
    line: int
    page: int | None = None
    code: str | None = None         # function or economic code, joined (2080101, 30101)
    level: str | None = None        # 类 / 款 / 项
    kind: str = ITEM
    side: str | None = None         # income / expenditure for two-sided tables
    group: str | None = None        # current / carryover for the fund sub-rows of BT04
    item: str | None = None         # 三公 item (abroad, reception, vehicle, vehicle_purchase, vehicle_operation, total)
    gov_name: str | None = None     # 政府预算支出经济科目名称 (Shanxi dual-name BT06)
    gov_code: str | None = None
    code_printed: str | None = None  # the code as printed, when it was malformed and `code` was read by position
    unit: str | None = None         # the 预算单位 block the row stands in, in a table broken down by unit
    unit_code: str | None = None    # on a unit row: the unit's printed code
    depth: int = 0                  # on a unit or group row: deeper groups nest under shallower ones

    def cell(self, role: str) -> Cell | None:
        return self.cells.get(role)

    def amount(self, role: str) -> Decimal:
        cell = self.cells.get(role)
        return cell.amount if cell else Decimal(0)

    def is_blank(self) -> bool:
        return all(cell.blank for cell in self.cells.values())


@dataclass
class Table:
    key: str                        # catalogue key: BT01 … BT16, BT07a, FT01 … FT09, or "unknown"
    title: str
    unit: str
    columns: list[Column]
    rows: list[Row]
    line: int
    pages: list[int] = field(default_factory=list)
    heading: str | None = None      # the section heading above the title (一、2024年预算收支总表)
    notes: list[str] = field(default_factory=list)   # 备注 / 注 lines
    unit_declared: bool = True
    layout_issues: list[str] = field(default_factory=list)   # why the layout is not understood (then not checked)
    # how many printed lines of figures each row sums: a “三公” table read from its 合计 line over n unit lines
    # holds its row identities only within the n units' rounding
    summed_lines: int = 1
    rows_let_go: int = 0            # rows a report-only copy no longer holds (Disclosure.for_report)

    @property
    def row_count(self) -> int:
        return len(self.rows) or self.rows_let_go

    @property
    def step(self) -> Decimal:
        decimals = max((cell.decimals for row in self.rows for cell in row.cells.values()), default=0)
        if self.unit == "万元":
            decimals = max(decimals, 2)
        return step_for_decimals(decimals)

    def roles(self, side: str | None = None) -> list[str]:
        seen: list[str] = []
        for column in self.columns:
            if column.role and column.side == side and column.role not in seen and column.role not in ("name", "code", "gov_name"):
                seen.append(column.role)
        return seen

    def find_row(self, *, kind: str | None = None, side: str | None = None, code: str | None = None,
                 label: str | None = None, group: str | None = None) -> Row | None:
        for row in self.rows:
            if kind is not None and row.kind != kind:
                continue
            if side is not None and row.side != side:
                continue
            if code is not None and row.code != code:
                continue
            if label is not None and row.label != label:
                continue
            if group is not None and row.group != group:
                continue
            return row
        return None


@dataclass
class LineStart:
    """Where a paragraph's text runs on to the next printed line."""

    offset: int                     # character offset in the paragraph's text
    line: int
    page: int | None = None


@dataclass(frozen=True)
class PrintedLine:
    """A line of a paragraph as printed, before normalising: its punctuation is the document's own."""

    text: str
    line: int
    page: int | None = None


@dataclass
class Paragraph:
    text: str
    line: int
    page: int | None = None
    starts: list[LineStart] = field(default_factory=list)   # one per printed line, in order
    printed: list[PrintedLine] = field(default_factory=list)   # its lines as printed (recognise/text_flaws.py)

    def where(self, offset: int) -> LineStart:
        """The printed line holding the character at `offset`."""
        return next((start for start in reversed(self.starts) if start.offset <= offset),
                    LineStart(0, self.line, self.page))


@dataclass
class Section:
    """A heading of the narrative (情况说明, 名词解释 …) and the paragraphs under it."""

    heading: str
    part: str | None                 # 第三部分 … heading it belongs to
    line: int
    page: int | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    mentions: list["Mention"] = field(default_factory=list)   # amounts the heading quotes: (二)本年其他资金收入0.5万元
    printed: str | None = None       # the heading as printed, before normalising (recognise/text_flaws.py)


# what a narrative amount stands for, besides the column roles above (TOTAL, BASIC, PROJECT, PERSONNEL, PUBLIC):
# a budget that may or may not count the carry-over, an income source, an expenditure class, a “三公” item or
# 机关运行经费, the projects with targets
BUDGET_SUBJECT = "budget"             # 预算收入, 本年收入, 支出预算 …: this year's budget, carry-over in or out
SOURCE_SUBJECT = "source"
CLASS_SUBJECT = "class"
THREE_PUBLIC_SUBJECT = "three_public"
PROJECT_TARGETS_SUBJECT = "project_targets"
CODED_SUBJECT = "coded"                # a line the label gives a classification code: 进修及培训(20508), 对个人和家庭的补助(303)
NAMED_ITEM_SUBJECT = "named_item"     # a 项 named with its 类 and 款, without codes: 一般公共服务支出(类)财政事务(款)行政运行(项)
UNKNOWN_SUBJECT = "unknown"            # an amount whose label names nothing known (its parts are its own)


@dataclass(frozen=True)
class Subject:
    """What a narrative amount's label names (recognise/subjects.py): a figure, its side and its funds."""

    concept: str
    side: str | None = None          # INCOME / EXPENDITURE
    funds: str | None = None         # FISCAL / GENERAL / FUND / SOE; None: all the unit's funds
    code: str | None = None          # an expenditure class's code
    item: str | None = None          # a “三公” item (abroad, reception, vehicle …) or running_costs
    names: tuple[str, ...] = ()      # a named item's 类, 款 and 项 names


@dataclass
class Mention:
    """One amount quoted in the narrative, with what the sentence says about it."""

    label: str                      # the words before the number (收入总计, 基本支出, 社会保障和就业支出 …)
    value: Decimal
    unit: str                       # 万元 / 元 / 亿元
    printed: str
    position: int                   # character offset in the statement
    delta: bool = False             # a change (比上年增加 D; 支出预算减少 D), not an amount of this year
    direction: int = 0              # +1 增加/增长, -1 减少/下降 (for a delta, or for the rate after an amount)
    owner: int | None = None        # for a change compared with an earlier amount (比上年增加 D): the index, in the
                                    # statement's mentions, of the amount it changes; None for one that names its
                                    # own subject (其中基本支出增加 D) or has no amount before it
    base: int | None = None         # for a change compared with an earlier year: the index of that year's amount
                                    # where the sentence states it (与2016年度相比(2016年度…为 P 万元),增加 D 万元)
    rate: Decimal | None = None     # 增长/下降 r% following the amount
    rate_text: str | None = None
    share: Decimal | None = None    # 占 p%
    share_text: str | None = None
    prior: bool = False             # an earlier year's amount (2025年…执行数为 P)
    in_parts: bool = False          # stands after 其中 / 主要包括 / 主要用于
    in_aside: bool = False          # inside an aside opened before it (购置费 0万元 in 运行费 6.7万元（购置费 0万元…）)
    code: str | None = None         # function code written as (204类)(06款)(01项)
    unchanged: bool = False         # 持平 / 与上年相同
    subject: Subject | None = None  # what the label names, when it is known
    states: str | None = None       # the key figure (interface.md id) whose amount this is, when the sentence
                                    # states the document's own total for the year (recognise/stated_totals.py)
    line: int | None = None         # where the amount is printed (a sentence may run over lines and pages)
    page: int | None = None
    plans: bool = False             # the amount a 项 sentence says is planned (…2026年预算安排 57.8万元)
    per_unit: bool = False          # a rate, not an amount of the budget (每人, 人均, 标准, 单价)
    three_public: str | None = None   # the “三公” figure its subject names: total, abroad, reception, vehicle,
                                      # vehicle_purchase, vehicle_running

    @property
    def number(self) -> str:
        """The amount as printed, without its unit word (2,376.26 of 2,376.26万元)."""
        return self.printed[: len(self.printed) - len(self.unit)].strip()

    def in_unit(self, unit: str) -> Decimal:
        from budget_audit.money import convert

        return convert(self.value, self.unit, unit)


@dataclass(frozen=True)
class CountClaim:
    """A count the narrative states: 纳入绩效目标管理的二级项目 9 个 (what: projects_with_targets)."""

    what: str
    count: int
    text: str            # the words that state it
    section: str
    line: int
    page: int | None = None


# flaws of the printed text (recognise/text_flaws.py)
DOUBLED_STOP = "doubled_stop"              # 。。
PAUSE_BEFORE_STOP = "pause_before_stop"    # ，。 ；。 、。
ENGLISH_COMMA = "english_comma"            # 经费,主要用于
UNMATCHED_BRACKET = "unmatched_bracket"    # a ( never closed, a ) that closes nothing
UNMATCHED_QUOTE = "unmatched_quote"        # a “ never closed, a ” that closes nothing


@dataclass(frozen=True)
class TextFlaw:
    """A flaw of the narrative's printed text, on the line it is printed on."""

    kind: str
    text: str          # the characters at fault
    excerpt: str       # with the words around them
    section: str
    line: int
    page: int | None = None


@dataclass(frozen=True)
class LevelWord:
    """The narrative naming its own budget with a level (2026年部门预算安排): level is department or unit."""

    level: str
    text: str
    section: str
    line: int
    page: int | None = None


@dataclass
class Completion:
    """A 决算's outturn claim: 年初预算为 A，支出决算为 B(，完成年初预算的 z%)(。决算数小于预算数的主要原因…)."""

    budget: Mention
    actual: Mention
    rate: Decimal | None = None      # the completion rate, when the sentence states one
    rate_text: str | None = None
    said: int | None = None          # what the text says of B against A: +1 大于, -1 小于, 0 等于/持平
    said_text: str | None = None     # the words that say it (决算数小于预算数)
    names: tuple[str, ...] = ()      # the 类, 款 and 项 it is of: 一般公共服务支出(类)财政事务(款)行政运行(项)


@dataclass
class Breakdown:
    """A total and the parts a sentence lists after it (recognise/breakdowns.py)."""

    head: Mention
    parts: list[Mention]
    follower: Mention | None = None   # the first amount of the clause after the list's ;, maybe its last part
    family: str | None = None         # the kind of complete breakdown its labels make (政府采购, 基本支出 …), if any
    follower_fits: bool = False       # the follower fits that family too: whether it is a part is unclear
    left_out: bool = False            # the gap to the total is an amount of the parts' kind quoted elsewhere


@dataclass
class Statement:
    """A sentence of the narrative (up to a 。 outside brackets) and the amounts it quotes."""

    text: str
    section: str
    line: int
    page: int | None
    mentions: list[Mention] = field(default_factory=list)
    topic: str | None = None        # the run-in heading that opens its paragraph (1.因公出国(境)费用。2026年预算数…)
    reasons: list[str] = field(default_factory=list)   # what each 原因是/原因为/原因： says ("" when nothing)
    compared_years: list[int] = field(default_factory=list)   # the years it compares with (比2025年预算, 与2025年相比)
    alternatives: list[str] = field(default_factory=list)     # a template's choices left unresolved: 增加(减少)
    completions: list[Completion] = field(default_factory=list)   # 决算: 年初预算为 A，决算为 B，完成 z%
    named_codes: list[tuple[str, str]] = field(default_factory=list)   # (name, code) of X(类)Y(款)Z(项) phrases
    cut_short: bool = False         # ends its paragraph after a ; or inside an aside: what it lists may go on
    listed_items: list["ListedItems"] = field(default_factory=list)   # 公用经费…主要包括:办公费、印刷费…
    breakdowns: list[Breakdown] = field(default_factory=list)          # its amounts' (recognise/breakdowns.py)
    change_breakdowns: list[Breakdown] = field(default_factory=list)   # its changes'
    lists_spending: bool = False    # says what the spending goes to (支出包括…, 主要用于…)
    topic_item: str | None = None   # the “三公” figure its paragraph's run-in heading names (1.因公出国(境)费用。)

    def subject(self, mention: Mention) -> str:
        """What an amount is of: for a change, the label of the amount it changes (or its own label)."""
        if mention.owner is not None:
            return self.mentions[mention.owner].label
        return mention.label


@dataclass
class Indicator:
    level1: str
    level2: str
    level3: str
    value: str
    period: str                      # "implementation" (实施期) or "year" (年度)
    line: int
    amount: Decimal | None = None    # the value when it is nothing but an amount: 20 of 运行成本 “20万元”
    amount_unit: str | None = None   # 亿元 / 万元 / 元
    per_unit: bool = False           # the name says it is a rate or a unit price (每人, 人均, 标准, 单价, 元/人)


@dataclass
class ProjectAttachment:
    """One 项目绩效目标表 (BT14)."""

    name: str
    line: int
    unit: str
    page: int | None = None
    department: str | None = None    # 主管部门及代码
    implementer: str | None = None   # 实施单位
    attribute: str | None = None     # 项目属性
    period: str | None = None        # 项目期
    period_total: Cell | None = None      # 实施期资金总额
    year_total: Cell | None = None        # 年度资金总额
    period_sources: dict[str, Cell] = field(default_factory=dict)
    year_sources: dict[str, Cell] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)   # 项目概况, 立项依据 … as printed
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class TocEntry:
    title: str
    page: int
    line: int


@dataclass
class Meta:
    unit: str | None = None
    year: int | None = None
    kind: str | None = None          # budget / final
    level: str | None = None         # department / unit
    profile: str | None = None
    pages: int | None = None


@dataclass
class Disclosure:
    path: str
    meta: Meta
    tables: dict[str, Table] = field(default_factory=dict)
    unrecognised: list[Table] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    counts: list[CountClaim] = field(default_factory=list)   # counts the narrative states (recognise/counts.py)
    remarks: list[Statement] = field(default_factory=list)   # sentences without amounts that compare a year or
                                                              # leave a template's choice (recognise/claims.py)
    text_flaws: list[TextFlaw] = field(default_factory=list)   # punctuation flaws (recognise/text_flaws.py)
    level_words: list[LevelWord] = field(default_factory=list)   # its own budget named 部门/单位 (self_reference.py)
    projects: list[ProjectAttachment] = field(default_factory=list)
    states_rounding: bool = False    # the document says its totals may differ by 尾差 (四舍五入)
    truncated: str | None = None     # why the document looks cut off, when it does
    pages_unreadable: list[int] = field(default_factory=list)   # pages the reader lost (damaged content streams)
    undecodable: int = 0            # characters of a text dump read as U+FFFD (bytes its encoding cannot decode)
    vehicle_counts: list["VehicleCount"] = field(default_factory=list)   # 实有 N 辆，其中… (recognise/assets.py)
    equipment_wordings: list["EquipmentWording"] = field(default_factory=list)   # 100万元以上的通用设备
    unit_compositions: list["UnitComposition"] = field(default_factory=list)   # n 家行政单位 (composition.py)
    # where each printed line is (PDF user space, as Cell.bbox), for locations that name a row or a sentence
    line_boxes: dict[int, tuple[float, float, float, float]] = field(default_factory=dict)

    def for_report(self) -> "Disclosure":
        """What the reports and volume pairing read (metadata, each table's key, title, pages, unit and row
        count, the narrative's statements, lost pages), without the tables' cells and the narrative's
        sections. A batch's parent keeps every document until the report is written: whole disclosures
        (300 KB to several MB each) would take gigabytes for 10,000 documents."""
        from dataclasses import replace

        tables = {key: replace(table, columns=[], rows=[], rows_let_go=table.row_count, notes=[])
                  for key, table in self.tables.items()}
        return Disclosure(path=self.path, meta=self.meta, tables=tables, statements=self.statements,
                          states_rounding=self.states_rounding, truncated=self.truncated,
                          pages_unreadable=self.pages_unreadable, undecodable=self.undecodable)

    def checkable(self) -> "Disclosure":
        """The same disclosure with only the tables whose layout was understood: what the rules read."""
        from dataclasses import replace

        return replace(self, tables={k: t for k, t in self.tables.items() if not t.layout_issues})

    @property
    def has_narrative(self) -> bool:
        return any(section.paragraphs for section in self.sections)


@dataclass
class Location:
    table: str | None
    table_title: str | None
    page: int | None
    row: str | None
    column: str | None
    text: str | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = field(default=None, compare=False)   # as Cell.bbox

    @classmethod
    def of_cell(cls, cell: Cell, title: str | None = None) -> "Location":
        if cell.table == NARRATIVE:
            return cls(table=None, table_title=cell.column, page=cell.page, row=cell.row, column=None,
                       text=cell.context, line=cell.line)
        return cls(table=cell.table, table_title=title, page=cell.page, row=cell.row, column=cell.column,
                   line=cell.line, bbox=_printed_bbox(cell))


def _printed_bbox(cell: Cell) -> tuple[float, float, float, float] | None:
    """A printed cell's bbox; for a figure derived from printed cells, the box around those on its page."""
    if cell.bbox is not None or not cell.sources:
        return cell.bbox
    boxes = [box for source in cell.sources if source.page == cell.page and (box := _printed_bbox(source))]
    if not boxes:
        return None
    x0s, y0s, x1s, y1s = zip(*boxes)
    return (min(x0s), min(y0s), max(x1s), max(y1s))


def place_on_lines(findings: list["Finding"], line_boxes: dict[int, tuple[float, float, float, float]]) -> None:
    """Give each location that names a row, a table or a sentence but no cell the box of its printed line."""
    for finding in findings:
        for location in finding.locations:
            if location.bbox is None and location.line is not None:
                location.bbox = line_boxes.get(location.line)


@dataclass
class Finding:
    rule: str
    severity: Severity
    message: dict[str, str]          # language → message
    locations: list[Location]
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    unit: str | None = None
    rounding: bool = False           # the gap is within rounding tolerance (尾差)
    tags: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)   # rules whose failures this finding explains too
    cells: list[tuple] = field(default_factory=list)   # keys of the cells involved (for grouping)
    fingerprint: str = ""

    def text(self, lang: str = "zh") -> str:
        return self.message.get(lang) or self.message.get("zh") or next(iter(self.message.values()))


@dataclass(frozen=True)
class ListedItems:
    """What a sentence lists as the parts of 人员经费 or 公用经费 (recognise/listed_items.py), a closing 等 left off:
    公用经费37,131.84万元,主要包括公用综合定额经费、水电费、物业管理费、工会经费和职工福利费等 → (公用经费,
    (公用综合定额经费, 水电费, 物业管理费, 工会经费和职工福利费))."""

    what: str                       # 人员经费 / 公用经费
    names: tuple[str, ...]


@dataclass(frozen=True)
class VehicleCount:
    """The vehicles the narrative says the unit owns, and the count of each category after 其中
    (recognise/assets.py): 实有 0 辆，其中：领导用车 0 辆，机要通信用车 0 辆，…其他公务用车 0 辆 → total 0,
    categories (0, 0, …, 0)."""

    total: int
    categories: tuple[int, ...]     # in the order the sentence names them
    text: str                       # the words that state it
    section: str
    line: int                       # the section's heading line
    page: int | None = None


@dataclass(frozen=True)
class EquipmentWording:
    """A sentence that counts equipment worth 100 万元 and more as 通用设备, where the template's word is 专用设备
    (recognise/assets.py): 占有使用价值 100 万元（原值）以上的通用设备 0 台（套）."""

    words: str                      # 100 万元（原值）以上的通用设备
    statement: Statement


@dataclass(frozen=True)
class UnitComposition:
    """The units a section says the budget covers (recognise/composition.py): 2026年湖州市交通运输局本级1家行政单位的
    机关运行经费… → 1, and whether the section names 事业单位 as well (参照公务员法管理的事业单位 aside)."""

    administrative: int             # n of “n 家行政单位”
    names_institutions: bool        # the section names 事业单位 too
    text: str                       # the words that state the count (1家行政单位)
    section: str
    line: int                       # the section's heading line
    page: int | None = None
