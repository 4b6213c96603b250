"""Papermill-style parameters for TypeScript notebooks (papermill has no TypeScript translator).

A code cell tagged `parameters` declares defaults, one per line:

    const epochs = 20;            // number
    const units: number = 128;    // an annotation is allowed
    let name = "tutorial";        // string ("..." or '...')
    const verbose = false;        // boolean

`-p name=value` overrides are checked against those declarations (unknown name, wrong type)
before any kernel starts, then a cell tagged `injected-parameters` is inserted right after the
parameters cell (replacing an earlier injected cell, as papermill does).
"""
import json
import math
import re

NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
DECLARATION = re.compile(
    r"^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*"
    r"(?::\s*(number|string|boolean)\s*)?=\s*(.+?)\s*;?\s*(?://.*)?$"
)


class ParameterError(Exception):
    """A bad parameters cell or a bad `-p` value; the message names the notebook and parameter."""


def _literal(text):
    """(type, python value) of a TypeScript literal, or None."""
    if re.fullmatch(NUMBER, text):
        return "number", float(text)
    if text in ("true", "false"):
        return "boolean", text == "true"
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        body = text[1:-1]
        if text[0] == "'":
            body = body.replace("\\'", "'").replace('"', '\\"')
        try:
            return "string", json.loads('"' + body + '"')
        except ValueError:
            return None
    return None


def find_parameters_cell(nb):
    """Index of the first code cell tagged `parameters`, or None."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return i
    return None


def read_parameters(nb, name):
    """{parameter: (type, default)} declared in the notebook's parameters cell.

    `name` is the notebook's path, used in error messages.
    """
    index = find_parameters_cell(nb)
    if index is None:
        raise ParameterError(f"{name}: no code cell tagged 'parameters' (parameters cannot be set)")
    declared = {}
    in_block_comment = False
    for lineno, line in enumerate(nb.cells[index].source.splitlines(), 1):
        stripped = line.strip()
        if in_block_comment:
            in_block_comment = "*/" not in stripped
            continue
        if stripped.startswith("/*"):
            in_block_comment = "*/" not in stripped
            continue
        if not stripped or stripped.startswith("//"):
            continue
        m = DECLARATION.match(line)
        lit = _literal(m.group(3)) if m else None
        if not m or lit is None:
            raise ParameterError(
                f"{name}: parameters cell (cell {index}) line {lineno}: cannot read {stripped!r}; "
                "expected one declaration per line such as `const epochs = 20;` with a number, "
                "string or boolean literal")
        param, annotation, _ = m.groups()
        if annotation and annotation != lit[0]:
            raise ParameterError(
                f"{name}: parameters cell line {lineno}: {param} is annotated {annotation} "
                f"but its default is a {lit[0]}")
        declared[param] = lit
    return declared


def parse_assignments(pairs):
    """['epochs=2', ...] -> {'epochs': '2'} (raw text; types are checked per notebook)."""
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise ParameterError(f"-p {pair}: expected name=value, e.g. -p epochs=2")
        key, value = pair.split("=", 1)
        key = key.strip()
        if not re.fullmatch(r"[A-Za-z_$][\w$]*", key):
            raise ParameterError(f"-p {pair}: {key!r} is not a parameter name")
        out[key] = value
    return out


def convert(name, declared, raw):
    """Checks every raw value against the declared defaults; returns {param: (type, value)}."""
    result = {}
    for key, text in raw.items():
        if key not in declared:
            known = ", ".join(declared) or "(none)"
            raise ParameterError(
                f"{name}: unknown parameter {key!r}; the parameters cell declares: {known}")
        kind, default = declared[key]
        if kind == "number":
            value = float(text) if re.fullmatch(NUMBER, text.strip()) else None
            if value is None or not math.isfinite(value):
                raise ParameterError(
                    f"{name}: parameter {key!r} expects a number (default {_show(default)}), got {text!r}")
        elif kind == "boolean":
            if text.strip() not in ("true", "false"):
                raise ParameterError(
                    f"{name}: parameter {key!r} expects a boolean, true or false "
                    f"(default {_show(default)}), got {text!r}")
            value = text.strip() == "true"
        else:
            value = text
        result[key] = (kind, value)
    return result


def _show(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value) if isinstance(value, str) else repr(value)


def injected_source(values):
    """The TypeScript of the injected cell. Each declaration carries its widened type, so that
    later cells see `number`, not the literal type of the default (tslab keeps the newest
    declaration of a name)."""
    lines = ["// Parameters injected by scripts/run_notebooks.py (papermill's convention)."]
    for key, (kind, value) in values.items():
        lines.append(f"const {key}: {kind} = {_show(value)};")
    return "\n".join(lines)


def inject(nb, values):
    """Inserts (or replaces) the `injected-parameters` cell after the parameters cell."""
    import nbformat

    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    index = find_parameters_cell(nb)
    cell = nbformat.v4.new_code_cell(injected_source(values), metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(index + 1, cell)
    return index + 1


# The parameters `--ci` (the notebooks test) uses when a notebook's metadata has no ciParameters.
CI_FALLBACK = {"epochs": "2", "units": "16"}


def ci_assignments(nb, name, key="ciParameters"):
    """The raw `-p` assignments for a CI run of `nb`: its metadata "grulab": {"ciParameters":
    {...}} (values as JSON: numbers, strings, booleans; `{}` for none), else CI_FALLBACK for the
    names its parameters cell declares. Raises ParameterError when neither applies.
    With key="recordParameters": the parameters of its record (no fallback: none means its defaults)."""
    grulab = nb.metadata.get("grulab", {})
    ci = grulab.get(key) if isinstance(grulab, dict) else None
    if ci is None and key != "ciParameters":
        return {}
    if ci is None:
        declared = read_parameters(nb, name) if find_parameters_cell(nb) is not None else {}
        fallback = {k: v for k, v in CI_FALLBACK.items() if k in declared}
        if not fallback:
            raise ParameterError(
                f"{name}: no metadata.grulab.ciParameters and no epochs/units in a parameters cell: "
                'add "grulab": {"ciParameters": {"name": value, ...}} to the notebook\'s metadata '
                "(the small parameters CI runs it with; {} when it needs none)")
        return fallback
    if not isinstance(ci, dict) or not all(isinstance(v, (int, float, str, bool)) for v in ci.values()):
        raise ParameterError(
            f"{name}: metadata.grulab.{key} must be an object of numbers, strings and booleans, got {json.dumps(ci)}")
    if ci and find_parameters_cell(nb) is None:
        raise ParameterError(f"{name}: metadata.grulab.{key} is set but no code cell is tagged 'parameters'")
    declared = read_parameters(nb, name) if ci else {}
    unknown = [k for k in ci if k not in declared]
    if unknown:
        raise ParameterError(f"{name}: metadata.grulab.{key} sets {', '.join(unknown)}, which the "
                             f"parameters cell does not declare (it declares: {', '.join(declared) or '(none)'})")
    return {k: ("true" if v else "false") if isinstance(v, bool) else str(v) for k, v in ci.items()}
