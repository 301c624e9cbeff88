"""Every bound the converters put on vendor input and mapping files, declared once.

A mapping may lower (never raise beyond these) the per-file bounds in its ``source`` block
(``max_bytes``, ``max_cell_chars``); findings name the limit with :meth:`Limit.describe`.
"""

from __future__ import annotations

from endingnote._limits import declare

MAPPING_BYTES = declare(
    "convert.mapping.max_bytes", 1_000_000, "bytes", "マッピングファイルの大きさ", "size of a mapping file"
)
MAPPING_DEPTH = declare(
    "convert.mapping.max_depth", 32, "levels", "マッピングファイルの入れ子", "nesting of a mapping file"
)
MAPPING_NODES = declare(
    "convert.mapping.max_nodes", 100_000, "entries", "マッピングファイルの要素数", "nodes in a mapping file"
)
TARGET_INDEX = declare(
    "convert.mapping.max_index",
    99,
    "entries",
    "target の添字([n])",
    "an index in a target ([n])",
)
FIRST_OF_BRANCHES = declare(
    "convert.mapping.max_branches", 16, "entries", "first_of の分岐数", "branches of one first_of"
)
INPUT_BYTES = declare(
    "convert.input.max_bytes", 512 * 1024 * 1024, "bytes", "入力ファイルの大きさ", "size of an input file"
)
CELL_CHARS = declare(
    "convert.input.max_cell_chars",
    32_767,  # what one Excel cell holds
    "characters",
    "1つのセル(値)の文字数",
    "characters in one cell (value)",
)
COLUMNS = declare("convert.input.max_columns", 2_000, "columns", "列の数", "number of columns")
ROWS = declare("convert.input.max_rows", 2_000_000, "rows", "行の数", "number of rows")
PERSON_ROWS = declare(
    "convert.input.max_person_rows", 100_000, "rows", "1人あたりの行数", "rows of one person"
)
JSON_DEPTH = declare(
    "convert.input.max_json_depth", 64, "levels", "JSON 入力の入れ子", "nesting of a JSON input"
)
XLSX_UNCOMPRESSED = declare(
    "convert.xlsx.max_uncompressed_bytes",
    1024 * 1024 * 1024,
    "bytes",
    "XLSX の展開後の大きさ",
    "uncompressed size of an XLSX",
)
XLSX_RATIO = declare(
    "convert.xlsx.max_ratio", 200, "ratio", "XLSX の圧縮率", "compression ratio of an XLSX part"
)
XLSX_SHARED_STRINGS = declare(
    "convert.xlsx.max_shared_string_chars",
    64 * 1024 * 1024,
    "characters",
    "XLSX の共有文字列の総文字数",
    "characters in an XLSX's shared strings",
)
XLSX_ROWS = declare(
    "convert.xlsx.max_rows", 1_048_576, "rows", "XLSX の行番号", "row number in an XLSX (Excel's maximum)"
)
XLSX_COLUMNS = declare(
    "convert.xlsx.max_columns", 2_000, "columns", "XLSX の列番号", "column number in an XLSX"
)
ISSUES_PER_PERSON = declare(
    "convert.output.max_issues_per_person",
    1_000,
    "entries",
    "1人あたりの指摘の数",
    "findings kept for one person",
)
