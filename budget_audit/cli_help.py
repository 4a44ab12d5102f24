"""`--help` in the user's language: Chinese unless `--lang en` is on the command line or BUDGET_AUDIT_LANG=en.

cli.py writes every help text once, in English, beside its option; ZH gives each its Chinese (keyed by the
English, as gettext does, so the two cannot drift apart silently: tests/test_cli_language.py checks that
every help text has its translation). The language is read from the raw arguments because click answers
`--help` before it parses `--lang`. click's own words (Usage, Options) stay as click prints them.
"""
from __future__ import annotations

import os
from typing import Sequence

import click

LANG_ENV = "BUDGET_AUDIT_LANG"

ZH = {
    "Audit Chinese government budget disclosures (部门预算/单位预算 公开).": "审核政府预算公开文件（部门预算/单位预算 公开、决算）。",
    "Print the version and exit.": "显示版本号并退出。",
    "Show this message and exit.": "显示本帮助并退出。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.":
        "显示当前 shell 的命令补全脚本，以便复制或自定义安装。",
    "Audit one or more disclosures. A PATH of - reads one document (PDF or text) from standard input.":
        "审核一个或多个公开文件。路径写作 - 时，从标准输入读取一个文档（PDF 或文本）。",
    "Find the volumes of each disclosure among the files (a narrative and a tables volume of one unit and year) "
    "and audit each pair as one.": "在所给文件中找出同一公开文件的各册（同一单位、同一年度的情况说明册与报表册），"
                                   "每对合并审核。",
    "Print only the summary line (a report asked with -o is still written); the exit code is unchanged.":
        "只显示汇总行（-o 指定的报告照常写出）；退出码不变。",
    "Colour in the rich report: auto (on a terminal), always (also picks rich on a pipe), never.":
        "rich 报告的颜色：auto（终端上着色）、always（管道输出也用 rich）、never。",
    "Print how many findings each rule raised instead of the report (a report asked with -o is still written).":
        "不显示报告，改为显示每条规则的问题数（-o 指定的报告照常写出）。",
    "Print the merged settings and where each came from (default, settings file, command line); audit nothing.":
        "显示合并后的设置及每项来源（默认值、设置文件、命令行），不做审核。",
    "Write a copy of each PDF into this directory with the findings as highlights and notes on their cells.":
        "把每个 PDF 的副本写入此目录，在涉及的单元格上加高亮和批注。",
    "Files (.pdf, .txt) or directories (searched recursively).": "文件（.pdf、.txt）或目录（递归查找）。",
    "rich, text, json, jsonl, csv, markdown, github, sarif, junit, html.":
        "报告格式：rich、text、json、jsonl、csv、markdown、github、sarif、junit、html。",
    "Write the report to this file.": "把报告写入此文件。",
    "Comma-separated rule IDs or prefixes to run.": "只运行这些规则（规则编号或前缀，逗号分隔）。",
    "Comma-separated rule IDs or prefixes to skip.": "跳过这些规则（规则编号或前缀，逗号分隔）。",
    "Lowest severity that makes the exit code 1 [default: error].": "使退出码为 1 的最低级别 [默认：error]。",
    "Lowest severity shown in the report [default: info].": "报告中显示的最低级别 [默认：info]。",
    "Documents audited in parallel (0 = one per CPU) [default: 1].": "并行审核的文档数（0 = 每个 CPU 一个）[默认：1]。",
    "Per-document limit in seconds [default: 120].": "每个文档的时限（秒）[默认：120]。",
    "Language of titles and messages [default: zh].": "标题和说明的语言 [默认：zh]；也可设 BUDGET_AUDIT_LANG。",
    "Settings file (else the nearest pyproject.toml [tool.budget-audit] or budget-audit.toml).":
        "设置文件（否则用最近的 pyproject.toml 的 [tool.budget-audit] 或 budget-audit.toml）。",
    "Hide the findings recorded in this file.": "不报告此基线文件中已记录的问题。",
    "Record the current findings here.": "把当前的问题记录为基线文件。",
    "The files are the volumes of one disclosure: audit them as one.": "这些文件是同一公开文件的各分册：合并为一份审核。",
    "List every rule: ID, default severity, title and one-line description.": "列出全部规则：编号、默认级别、标题和简要说明。",
    "Language of titles.": "标题的语言；也可设 BUDGET_AUDIT_LANG。",
    "Print a rule's full description: what it checks, why, the formula, the tolerance, an example.":
        "显示规则的完整说明：检查内容、原因、公式、容差和示例。",
    "A rule ID, e.g. R001.": "规则编号，例如 R001。",
    "Language of the title, the summary and the documentation.": "标题、简要说明和规则说明的语言；也可设 BUDGET_AUDIT_LANG。",
    "Print what was recognised: metadata, every table (rows as Decimal strings) and the key figures.":
        "输出识别结果：文档信息、每张表格（金额为十进制字符串）和关键数字。",
    "Files or directories.": "文件或目录。",
    "json (every table) or csv (one row per document: the key figures in 元).":
        "json（每张表格）或 csv（每个文档一行：关键数字，单位元）。",
    "Write to this file.": "写入此文件。",
    "Documents read in parallel (0 = one per CPU).": "并行读取的文档数（0 = 每个 CPU 一个）。",
    "Per-document limit in seconds.": "每个文档的时限（秒）。",
}


def help_language(argv: Sequence[str], environ: dict | None = None) -> str:
    """`--lang en` / `--lang=en` anywhere on the command line, else BUDGET_AUDIT_LANG, else zh."""
    for index, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else \
            argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else None
        if value in ("zh", "en"):
            return value
    chosen = (os.environ if environ is None else environ).get(LANG_ENV, "")
    return chosen if chosen in ("zh", "en") else "zh"


def help_texts(command: click.Command) -> list[str]:
    """Every help text of the command tree, its options' and its subcommands'."""
    texts = [command.help] + [getattr(param, "help", None) for param in command.params]
    for sub in getattr(command, "commands", {}).values():
        texts += help_texts(sub)
    return [text for text in texts if text]


def localise(command: click.Command, lang: str) -> click.Command:
    """The command tree with its help texts in `lang` (the English ones are the originals)."""
    if lang == "zh":
        command.help = ZH.get(command.help, command.help) if command.help else command.help
        for param in command.params:
            if getattr(param, "help", None):
                param.help = ZH.get(param.help, param.help)
        command.context_settings.setdefault("help_option_names", ["-h", "--help"])
        _localise_help_option(command)
    for sub in getattr(command, "commands", {}).values():
        localise(sub, lang)
    return command


def _localise_help_option(command: click.Command) -> None:
    # click makes the -h/--help option when asked and words it itself; give it the Chinese help
    make = command.get_help_option

    def get_help_option(ctx: click.Context):
        option = make(ctx)
        if option is not None and option.help:
            option.help = ZH.get(option.help, option.help)
        return option

    command.get_help_option = get_help_option
