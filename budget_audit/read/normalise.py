"""Text normalisation shared by every reader.

PDF text layers and text dumps spell the same words in several ways: full-width digits and
punctuation, CJK *radical* code points standing in for ideographs (U+2ED4 ⻔ for 门), spaces that the
typesetter put between Han characters ("一般公共 预算", "2024 年"). Cells are cleaned once, here, so
that title aliases, row labels and numbers match whatever produced them.
"""
from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement code points that PDF producers emit for the ideograph they look like.
# NFKC maps the Kangxi radicals (U+2F00–U+2FD5) itself but leaves these alone.
_RADICAL_TO_IDEOGRAPH = {
    "\u2e81": "厂", "\u2e84": "乙", "\u2e87": "几", "\u2e8c": "小", "\u2e8d": "小", "\u2e95": "彐",
    "\u2e9c": "日", "\u2e9d": "月", "\u2e9f": "母", "\u2ea0": "民", "\u2ea2": "水", "\u2ea3": "火",
    "\u2ea4": "爪", "\u2ea6": "丬", "\u2ea7": "牛", "\u2ea9": "王", "\u2eaa": "疋", "\u2eab": "目",
    "\u2eac": "示", "\u2eae": "竹", "\u2eaf": "糸", "\u2eb3": "网", "\u2eb6": "羊", "\u2eb7": "羊",
    "\u2ebc": "肉", "\u2ebe": "艹", "\u2ec1": "虎", "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角",
    "\u2ec8": "讠", "\u2ec9": "贝", "\u2eca": "足", "\u2ecb": "车", "\u2ecd": "辶", "\u2ecf": "阝",
    "\u2ed0": "钅", "\u2ed1": "长", "\u2ed3": "长", "\u2ed4": "门", "\u2ed6": "阝", "\u2ed7": "雨",
    "\u2ed8": "青", "\u2ed9": "韦", "\u2eda": "页", "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食",
    "\u2edf": "食", "\u2ee0": "饣", "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼",
    "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾", "\u2eeb": "斉",
    "\u2eec": "齐", "\u2eed": "歯", "\u2eee": "齿", "\u2eef": "竜", "\u2ef0": "龙", "\u2ef1": "亀",
    "\u2ef2": "亀", "\u2ef3": "龟",
}
_RADICAL_TABLE = str.maketrans(_RADICAL_TO_IDEOGRAPH)
# NFKC would turn ① into a bare 1 and glue it to the text after it; keep it an ordinal: (1).
_CIRCLED_TABLE = str.maketrans({chr(0x2460 + n): f"({n + 1})" for n in range(20)})

# Characters whose neighbouring spaces are typesetting, not content.
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f（）《》【】、。，：；！？“”‘’"
_SPACE_BETWEEN_HAN = re.compile(rf"(?<=[{_HAN}{_CJK_PUNCT}])[ \t\u3000\xa0]+(?=[{_HAN}{_CJK_PUNCT}])")
_SPACE_BEFORE_HAN = re.compile(rf"(?<=[0-9A-Za-z%.])[ \u3000\xa0]+(?=[{_HAN}])")
_SPACE_AFTER_HAN = re.compile(rf"(?<=[{_HAN}])[ \u3000\xa0]+(?=[0-9A-Za-z])")
_MULTISPACE = re.compile(r"[ \u3000\xa0]{2,}")

# Chinese quotes survive NFKC as curly quotes; fold the ASCII ones PDF producers use into them too.
_QUOTES = str.maketrans({'"': "“", "＂": "“", "「": "“", "」": "”"})


def normalise_text(text: str) -> str:
    """NFKC, radicals to ideographs, and no spaces between Han characters (or Han and digits)."""
    text = text.translate(_RADICAL_TABLE).translate(_CIRCLED_TABLE)
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u200b", "").replace("\ufeff", "")
    text = _SPACE_BETWEEN_HAN.sub("", text)
    text = _SPACE_BEFORE_HAN.sub("", text)
    text = _SPACE_AFTER_HAN.sub("", text)
    text = _MULTISPACE.sub(" ", text)
    return text.strip()


def clean_cell(text: str) -> str:
    """Normalise one cell's text."""
    return normalise_text(text)


def compact(text: str) -> str:
    """A key for matching names: normalised, without any whitespace or quote marks."""
    text = normalise_text(text)
    return re.sub(r"[\s“”‘’\"'「」『』]", "", text)
