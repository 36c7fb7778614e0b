"""YAML with lines: a plan file read as plain data plus the line of every key
and item, and pydantic validation turned into findings with file and line.

The bottom of the plan layer: it knows YAML and the models, nothing of rules.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, SequenceNode

from zidocs.errors import InputError, aksi, os_reason
from zidocs.plan.findings import Finding
from zidocs.text.saran import mirip, mungkin

YamlPath = tuple[str | int, ...]


@dataclass
class YamlDoc:
    """One YAML file as plain Python data plus the line of every key and item."""

    rel: str  # path shown to the user, relative to the workspace
    data: Any
    lines: dict[YamlPath, int] = field(default_factory=dict)
    # A plain (unquoted) text followed on its line by ` #…`: what YAML took for
    # a comment although it may be part of the text (a hashtag).
    komentar: dict[YamlPath, str] = field(default_factory=dict)
    # Sequences written in flow style `[a, b]`: path → line.
    flow: dict[YamlPath, int] = field(default_factory=dict)

    def line(self, *path: str | int) -> int:
        """Line of the longest prefix of ``path`` present in the file."""
        p: YamlPath = tuple(path)
        while p and p not in self.lines:
            p = p[:-1]
        return self.lines.get(p, 1)


# --- YAML with lines -------------------------------------------------------


def read_yaml(path: Path, rel: str) -> YamlDoc:
    """A plan file as plain data plus the line of every key and item.

    ruamel's safe loader (YAML 1.2: `no:` stays a key, not a boolean) runs on
    libyaml when ruamel.yaml.clib is installed, ~9× faster than the
    round-trip loader; lines come from the composed nodes."""
    text = read_text(path, rel)
    yaml = YAML(typ="safe")
    try:
        node = yaml.compose(text)
        data = yaml.constructor.construct_document(node) if node is not None else None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = (exc.problem or exc.context or "sintaks tidak sah").strip()
        quoted = _quote_trap(text, mark)
        if quoted is not None:
            line, msg = quoted
        else:
            msg = yaml_problem_id(what, exc.context, _char_at(text, mark))
        raise InputError(f"{rel}:{line}: galat YAML: {msg}") from None
    except YAMLError as exc:
        raise InputError(f"{rel}: galat YAML: {exc}. Periksa sintaks berkas ini.") from None
    except ValueError:
        # Dates are built while loading; an impossible one (2026-02-30,
        # 2026-13-06) escapes as a bare ValueError, without a line.
        line, token = _impossible_date(text)
        raise InputError(
            f"{rel}:{line}: tanggal {token} tidak ada di kalender; tulis tanggal yang benar "
            "berformat TTTT-BB-HH, misalnya 2026-03-06."
        ) from None
    doc = YamlDoc(rel=rel, data=_plain(data))
    if node is not None:
        _record_lines(node, (), doc.lines)
        _record_traps(node, (), doc, text.splitlines())
    return doc


_STR_TAG = "tag:yaml.org,2002:str"
# `#` glued to a word (`#KPUMelayani`) is a hashtag cut off; `# note` (a space
# after #) is a comment on purpose, as the plan files write them.
_COMMENT_AFTER = re.compile(r"^[ \t]+#([^\W_].*)$")


def _record_traps(node, path: YamlPath, doc: YamlDoc, lines: list[str]) -> None:
    """Plain texts cut by ` #` and flow sequences, from the composed nodes."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            _record_traps(value_node, path + (str(key_node.value),), doc, lines)
    elif isinstance(node, SequenceNode):
        if node.flow_style:
            doc.flow[path] = node.start_mark.line + 1
        for i, item in enumerate(node.value):
            _record_traps(item, path + (i,), doc, lines)
    elif node.tag == _STR_TAG and not node.style and node.value:
        end = node.end_mark
        if end.line < len(lines):
            m = _COMMENT_AFTER.match(lines[end.line][end.column:])
            if m:
                doc.komentar[path] = "#" + m.group(1).rstrip()


_QUOTED_START = re.compile(r"""^\s*(?:-\s+)?(?:[^\s'"#][^:#]*:\s+)?(["'])((?:(?!\1).)*)\1[ \t]*([^\s#].*?)\s*$""")


def _quote_trap(text: str, mark) -> tuple[int, str] | None:
    """(line, message) when the error comes from a value that begins with a
    quote and goes on after the closing one (`a: "Dokumen" rencana`)."""
    if mark is None:
        return None
    lines = text.splitlines()
    for n in (mark.line, mark.line - 1):
        if 0 <= n < len(lines):
            m = _QUOTED_START.match(lines[n])
            if m:
                q, inner, rest = m.groups()
                whole = f"{q}{inner}{q} {rest}"
                other = "'" + whole.replace("'", "''") + "'" if q == '"' else '"' + whole.replace('"', '\\"') + '"'
                return n + 1, (f"teks diawali tanda kutip ({q}) tetapi berlanjut sesudah tanda kutip penutupnya; "
                               "tanda kutip di awal harus membungkus seluruh teks. Bungkus seluruh teks dengan "
                               f"tanda kutip jenis lain, mis. {other}.")
    return None


def _char_at(text: str, mark) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def _record_lines(node, path: YamlPath, lines: dict[YamlPath, int]) -> None:
    if isinstance(node, MappingNode):
        lines.setdefault(path, node.start_mark.line + 1)
        for key_node, value_node in node.value:
            key = path + (str(key_node.value),)
            lines[key] = key_node.start_mark.line + 1
            _record_lines(value_node, key, lines)
    elif isinstance(node, SequenceNode):
        lines.setdefault(path, node.start_mark.line + 1)
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            _record_lines(item, path + (i,), lines)


def read_text(path: Path, rel: str) -> str:
    """A plan file's text; InputError saying what is wrong and how to fix it."""
    if path.is_dir():
        raise InputError(f"{rel}: ini sebuah folder, bukan berkas. Pindahkan folder itu dan buat berkas YAML di sini.")
    if not path.exists():
        raise InputError(f"{rel}: berkas tidak ditemukan. Buat berkas ini (lihat contoh di {aksi('init')}).")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{rel}:{line}: berkas bukan teks UTF-8 (byte ke-{exc.start + 1}). "
            "Simpan ulang berkas dengan pengodean UTF-8."
        ) from None
    except OSError as exc:
        raise InputError(f"{rel}: berkas tidak dapat dibaca ({os_reason(exc)}). Periksa izin berkasnya.") from None


_DATE_TOKEN = re.compile(r"(?<![\w-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w-])")


def _impossible_date(text: str) -> tuple[int, str]:
    for n, line in enumerate(text.splitlines(), start=1):
        for m in _DATE_TOKEN.finditer(line.split("#", 1)[0]):
            try:
                dt.date(*map(int, m.groups()))
            except ValueError:
                return n, m.group(0)
    return 1, "yang tertulis"


_CHECK_LINE = "Periksa indentasi, tanda titik dua, dan tanda kutip di baris ini atau baris sebelumnya."
_ALIAS = "alias YAML (*nama) tidak dikenal; hapus tanda * di awal teks atau beri tanda kutip."
# Both phrasings: libyaml's (ruamel.yaml.clib) and ruamel's pure-Python scanner's.
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "tanda ':' tidak diharapkan di sini; beri tanda kutip pada teks yang memuat ': '."),
    ("could not find expected ':'", "tanda ':' yang diharapkan tidak ditemukan. " + _CHECK_LINE),
    ("found unexpected end of stream", "berkas berakhir di tengah teks; tanda kutip belum ditutup?"),
    ("did not find expected ',' or ']'", "daftar [ … ] belum ditutup dengan ']'. " + _CHECK_LINE),
    ("expected ',' or ']'", "daftar [ … ] belum ditutup dengan ']'. " + _CHECK_LINE),
    ("did not find expected ',' or '}'", "pemetaan { … } belum ditutup dengan '}'. " + _CHECK_LINE),
    ("expected ',' or '}'", "pemetaan { … } belum ditutup dengan '}'. " + _CHECK_LINE),
    ("expected <block end>, but found", "indentasi tidak konsisten. " + _CHECK_LINE),
    ("did not find expected key", "kunci yang diharapkan tidak ditemukan (indentasi tidak konsisten?). " + _CHECK_LINE),
    ("did not find expected '-' indicator",
     "tanda '-' daftar yang diharapkan tidak ditemukan (indentasi tidak konsisten?). " + _CHECK_LINE),
    ("found undefined alias", _ALIAS),
)


def yaml_problem_id(problem: str, context: str | None = None, char: str = "") -> str:
    """The YAML parser's English problem text, said in Bahasa Indonesia with the fix."""
    if problem.startswith("found duplicate key"):
        key = problem.split('"')[1] if '"' in problem else "?"
        return f"kunci “{key}” ditulis dua kali di pemetaan yang sama; hapus atau gabungkan salah satunya."
    if "cannot start any token" in problem:
        if char == "\t" or "'\\t'" in problem:
            return "karakter tab tidak boleh dipakai untuk indentasi; ganti dengan spasi."
        return f"karakter “{char}” tidak boleh mengawali teks; beri tanda kutip pada teks itu."
    if context and "alias" in context:
        return _ALIAS
    for en, idn in _YAML_PROBLEMS:
        if problem.startswith(en):
            return idn
    return f"sintaks tidak sah ({problem}). " + _CHECK_LINE


def _plain(value: Any) -> Any:
    """Mapping keys as text (a key such as `1:` or `2026:` is still a name)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# --- schema validation → findings -----------------------------------------


def validate(doc: YamlDoc, model: type[BaseModel]) -> tuple[BaseModel | None, list[Finding]]:
    if doc.data is None:
        return None, [Finding(doc.rel, 1, "galat", "SKEMA", f"berkas kosong; isi berkas sesuai contoh {aksi('init')}.")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, _schema_findings(doc, model, exc)


def _schema_findings(doc: YamlDoc, model: type[BaseModel], exc: ValidationError) -> list[Finding]:
    seen: dict[YamlPath, Finding] = {}
    for err in exc.errors(include_url=False):
        data_path = _data_path(doc, err["loc"], err["type"])
        if data_path in seen:  # one finding per value (unions report each branch)
            if err["type"] in ("string_type", "list_type", "model_type"):
                seen[data_path] = _finding(doc, data_path, "union_type", err, model)
            continue
        seen[data_path] = _finding(doc, data_path, err["type"], err, model)
    return sorted(seen.values())


def _data_path(doc: YamlDoc, loc: tuple, etype: str) -> YamlPath:
    """Keep the parts of pydantic's loc that are keys/indexes in the data
    (drop union tags such as 'str' or 'list[str]')."""
    path: YamlPath = ()
    for part in loc:
        cand = path + (part,)
        if cand in doc.lines:
            path = cand
        elif etype in ("missing", "extra_forbidden") and part == loc[-1]:
            path = cand
    return path


def _finding(doc: YamlDoc, path: YamlPath, etype: str, err: dict, model: type[BaseModel]) -> Finding:
    where = format_path(path)
    key = path[-1] if path else ""
    parent = format_path(path[:-1]) or "tingkat teratas"
    value = err.get("input")
    if etype == "missing":
        msg = f"kunci `{key}` wajib ada di {parent}; tambahkan `{key}: …`."
        line = doc.line(*path[:-1])
    elif etype == "extra_forbidden":
        allowed = _allowed_keys(model, path[:-1])
        hint = mungkin(mirip(str(key), allowed))
        msg = f"kunci `{key}` tidak dikenal di {parent}.{hint} Kunci yang sah: {', '.join(allowed)}."
        line = doc.line(*path)
    elif etype == "string_type" and path in doc.flow and isinstance(value, list):
        line = doc.line(*path)
        shown = "[" + ", ".join(str(v) for v in value) + "]"
        msg = (f"`{where}` ditulis [ … ], yang dibaca YAML sebagai daftar, bukan teks; bila kurung siku bagian "
               f"dari teks, beri tanda kutip pada seluruh teks: '{shown}'.")
    else:
        line = doc.line(*path)
        msg = (f"`{where}` " if where else "isi berkas ") + _type_message(etype, err, value)
    return Finding(doc.rel, line, "galat", "SKEMA", msg)


def _type_message(etype: str, err: dict, value: Any) -> str:
    shown = _show(value)
    ctx = err.get("ctx") or {}
    if etype == "string_type":
        return f"harus berupa teks, bukan {shown}; beri tanda kutip bila perlu."
    if etype == "union_type":
        return f"harus berupa teks atau daftar teks (baris-baris diawali '- '), bukan {shown}."
    if etype in ("int_type", "int_parsing", "int_from_float"):
        return f"harus bilangan bulat, bukan {shown}."
    if etype.startswith("date") or etype.startswith("datetime"):
        return f"harus tanggal berformat TTTT-BB-HH (misalnya 2026-03-06), bukan {shown}."
    if etype == "list_type":
        return f"harus berupa daftar (baris-baris diawali '- '), bukan {shown}."
    if etype in ("model_type", "dict_type", "model_attributes_type"):
        return f"harus berupa pemetaan `kunci: nilai`, bukan {shown}."
    if etype == "too_short":
        return "tidak boleh kosong; isi minimal satu butir."
    if etype == "literal_error":
        return f"harus salah satu dari {ctx.get('expected', '')}, bukan {shown}."
    if etype in ("greater_than_equal", "greater_than"):
        return f"harus paling kecil {ctx.get('ge', ctx.get('gt'))}, bukan {shown}."
    if etype in ("bool_type", "bool_parsing"):
        return f"harus true atau false, bukan {shown}."
    return f"tidak sah: {err.get('msg')}."


def _show(value: Any) -> str:
    if value is None:
        return "kosong"
    if isinstance(value, dict):
        return "pemetaan"
    if isinstance(value, list):
        return "daftar"
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 60 else text[:57] + "…"


def format_path(path: YamlPath) -> str:
    """area[5].komponen[4].nama — indexes counted from 1, as a person counts."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _allowed_keys(model: type[BaseModel], path: YamlPath) -> list[str]:
    cls: Any = model
    for part in path:
        cls = _step(cls, part)
        if cls is None:
            return []
    return list(cls.model_fields) if _is_model(cls) else []


def _step(tp: Any, part: str | int) -> Any:
    for cand in _members(tp):
        if isinstance(part, int):
            if typing.get_origin(cand) in (list, tuple):
                return _first_model(typing.get_args(cand)[0])
        elif _is_model(cand) and part in cand.model_fields:
            ann = cand.model_fields[part].annotation
            return _first_model(ann) or ann
        elif typing.get_origin(cand) is dict:
            return _first_model(typing.get_args(cand)[1])
    return None


def _members(tp: Any) -> list[Any]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return list(typing.get_args(tp))
    return [tp]


def _first_model(tp: Any) -> Any:
    for m in _members(tp):
        if _is_model(m) or typing.get_origin(m) in (list, dict):
            return m
    return None


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


# --- the year's plan --------------------------------------------------------
