#!/usr/bin/env python3
"""Moves inline unit tests out of Rust files, the layout `cargo xtask tidy` asks for.

For each file given, an inline

    #[cfg(test)]
    mod tests {
        ...
    }

(at the top level) moves to the sibling `STEM/tests.rs` (`tests.rs` in the same directory
for `lib.rs`, `main.rs` and `mod.rs`), dedented one level and opened with a `//!` line, and
the block becomes `#[cfg(test)]\\nmod tests;`. Other attributes on the module stay on the
declaration. Braces inside strings, raw strings, char literals and comments are skipped;
lines inside multi-line string literals are not dedented (that would change the string).

Usage: python3 xtask/move_inline_tests.py FILE.rs [FILE.rs ...]
Then run `cargo fmt --all` (a dedented line may now fit where rustfmt had wrapped it).
A file without an inline `mod tests {`, or whose sibling tests.rs already exists, is skipped
with a message; the exit status is 1 when any file was skipped for an error.
"""

import re
import sys
from pathlib import Path

INDENT = "    "
TEST_MODULE = re.compile(r"^#\[cfg\(test\)\]\n((?:#\[[^\n]*\]\n)*)mod tests \{", re.MULTILINE)


def literal_spans(text):
    """Yields (start, end, kind) for every comment and string/char literal in `text`."""
    index = 0
    length = len(text)
    while index < length:
        character = text[index]
        rest = text.startswith
        if rest("//", index):
            end = text.find("\n", index)
            end = length if end < 0 else end
            yield index, end, "comment"
            index = end
            continue
        if rest("/*", index):
            depth, cursor = 0, index
            while cursor < length:
                if rest("/*", cursor):
                    depth, cursor = depth + 1, cursor + 2
                elif rest("*/", cursor):
                    depth, cursor = depth - 1, cursor + 2
                    if depth == 0:
                        break
                else:
                    cursor += 1
            yield index, cursor, "comment"
            index = cursor
            continue
        previous = text[index - 1] if index > 0 else " "
        identifier_before = previous.isalnum() or previous == "_"
        raw = re.match(r'b?r(#*)"', text[index:index + 300]) if not identifier_before else None
        if raw:
            closing = '"' + raw.group(1)
            end = text.find(closing, index + raw.end())
            end = length if end < 0 else end + len(closing)
            yield index, end, "string"
            index = end
            continue
        if character == '"' or (character == "b" and rest('b"', index) and not identifier_before):
            cursor = index + (2 if character == "b" else 1)
            while cursor < length and text[cursor] != '"':
                cursor += 2 if text[cursor] == "\\" else 1
            yield index, cursor + 1, "string"
            index = cursor + 1
            continue
        if character == "'":
            char_literal = re.match(r"'(\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^\\'])'", text[index:index + 16])
            if char_literal:
                yield index, index + char_literal.end(), "char"
                index += char_literal.end()
                continue
        index += 1


def matching_brace(text, open_index):
    """The index of the `}` closing the `{` at `open_index`, skipping comments and literals."""
    skipped = {start: end for start, end, _ in literal_spans(text)}
    depth = 0
    index = open_index
    while index < len(text):
        if index in skipped:
            index = skipped[index]
            continue
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise ValueError("unbalanced braces: the test module never closes")


def string_interiors(text):
    """Offsets of line starts that fall inside a string literal (those lines keep their text)."""
    inside = set()
    for start, end, kind in literal_spans(text):
        if kind != "string":
            continue
        newline = text.find("\n", start, end)
        while newline >= 0:
            inside.add(newline + 1)
            newline = text.find("\n", newline + 1, end)
    return inside


def body_dedented(body, keep):
    """`body` one indentation level left; lines starting at an offset in `keep` (inside a
    multi-line string) are left as they are, since dedenting them would change the string."""
    out, offset = [], 0
    for line in body.split("\n"):
        inside_string = offset in keep
        offset += len(line) + 1
        if not inside_string and line.startswith(INDENT):
            line = line[len(INDENT):]
        out.append(line)
    return "\n".join(out)


def sibling_tests_path(path):
    if path.stem in ("lib", "main", "mod"):
        return path.with_name("tests.rs")
    return path.with_suffix("") / "tests.rs"


def module_title(path):
    if path.stem in ("lib", "main"):
        crate = path.parent.parent.name if path.parent.name == "src" else path.parent.name
        return f"the `{crate}` crate root ({path.name})"
    name = path.parent.name if path.stem == "mod" else path.stem
    return f"the `{name}` module"


def move_tests(path):
    """Moves the inline test module of `path`; returns a line saying what happened."""
    text = path.read_text()
    found = TEST_MODULE.search(text)
    if not found:
        return None, f"{path}: no inline `#[cfg(test)] mod tests {{` at the top level: skipped"
    target = sibling_tests_path(path)
    if target.exists():
        return False, f"{path}: {target} exists already: merge by hand"
    open_index = found.end() - 1
    close_index = matching_brace(text, open_index)
    body = body_dedented(text[open_index + 1:close_index], string_interiors(text[open_index + 1:close_index]))
    body = body.strip("\n").rstrip() + "\n"
    if not body.lstrip().startswith("//!"):
        body = f"//! Tests of {module_title(path)}.\n\n" + body
    declaration_start = found.start() + len("#[cfg(test)]\n") + len(found.group(1))
    new_text = text[:declaration_start] + "mod tests;" + text[close_index + 1:]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body)
    path.write_text(new_text)
    return True, f"{path}: tests moved to {target}"


def main(arguments):
    if not arguments or arguments[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if arguments else 2
    failed = False
    for argument in arguments:
        try:
            moved, message = move_tests(Path(argument))
        except (OSError, ValueError) as error:
            moved, message = False, f"{argument}: {error}: skipped"
        failed |= moved is False
        print(message)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
