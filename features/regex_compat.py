"""Faster scanning for large alternations, through the one private API of the standard library
this project uses (``re._parser``).

Why: Python's regular-expression engine tries a match at every position of a text.  When every
branch of a pattern starts with a literal character, the compiled pattern carries the set of
possible first characters and the engine skips, in C, every position that cannot start a match.
One branch that starts with a look-behind, a group or a repeated class loses that, and a pattern
of a few hundred branches then tries each branch at each position: 10–50 µs per review for the
evidence extractor's largest patterns, which made it the costliest stage of batch scoring
(docs/batch.md).  :func:`compile_screened` computes the characters a match can start with and
puts them in front as a look-ahead, so a position that cannot start a match is rejected after
one set lookup.

The matches are identical: the look-ahead restates a condition every match already meets (a
match's first character is one of its possible first characters), and zero-width items (look-
arounds, anchors) are stepped over, never dropped from the pattern itself.
``tests/features/test_regex_compat.py`` checks match-for-match equality on real-looking text and
that the screen is still applied on the Python versions this project supports.

Version guard: the parsed pattern's layout is read on CPython 3.11 and 3.12 (the versions in
pyproject.toml).  On any other version, or for a pattern this module cannot read (a negated
class, ``.``, a back-reference, flags), the pattern is compiled unchanged: slower, never
different.
"""

from __future__ import annotations

import re
import sys

TESTED_VERSIONS = ((3, 11), (3, 12))


class _Unknown(Exception):
    """A construct whose first characters are not computed here: leave the pattern alone."""


def _first_characters(items, constants) -> tuple[list[str], bool]:
    """Class members (as escapes) that can start a match of the item sequence, and whether the
    sequence can match the empty string."""
    c = constants
    members: list[str] = []
    for op, av in items:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero-width: the next item supplies the first character
        if op is c.LITERAL:
            return members + [_escape(av)], False
        if op is c.IN:
            return members + _class_members(av, c), False
        if op is c.BRANCH:
            nullable = False
            for branch in av[1]:
                found, empty = _first_characters(branch, c)
                members += found
                nullable = nullable or empty
        elif op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown("inline flags")
            found, nullable = _first_characters(sub, c)
            members += found
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            found, empty = _first_characters(sub, c)
            members += found
            nullable = low == 0 or empty
        elif op is getattr(c, "ATOMIC_GROUP", None):
            found, nullable = _first_characters(av, c)
            members += found
        else:
            raise _Unknown(str(op))
        if not nullable:
            return members, False
    return members, True


def _escape(code_point: int) -> str:
    return f"\\U{code_point:08x}"


def _class_members(items, c) -> list[str]:
    members = []
    for op, av in items:
        if op is c.LITERAL:
            members.append(_escape(av))
        elif op is c.RANGE:
            members.append(f"{_escape(av[0])}-{_escape(av[1])}")
        elif op is c.CATEGORY and av in (c.CATEGORY_DIGIT, c.CATEGORY_SPACE, c.CATEGORY_WORD):
            members.append({c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}[av])
        else:
            raise _Unknown(str(op))  # a negated class or category: not a union of members
    return members


def _engine_skips_by_itself(items, c) -> bool:
    """True when the compiled pattern already carries its first characters: it starts with a
    literal or a class, or with a branch whose every alternative starts with a literal."""
    if not items:
        return False
    op, av = items[0]
    if op in (c.LITERAL, c.IN):
        return True
    return op is c.BRANCH and all(branch and branch[0][0] is c.LITERAL for branch in av[1])


def screen(source: str) -> str | None:
    """The look-ahead of the characters a match of ``source`` can start with, or ``None`` when the
    engine needs none or it cannot be computed here."""
    if sys.implementation.name != "cpython" or sys.version_info[:2] not in TESTED_VERSIONS:
        return None
    from re import _constants, _parser  # private: guarded by the version check above

    try:
        items = list(_parser.parse(source).data)
        if _engine_skips_by_itself(items, _constants):
            return None
        members, nullable = _first_characters(items, _constants)
    except (_Unknown, re.error, ValueError, TypeError):
        return None
    if nullable or not members:
        return None  # an empty match can start anywhere
    return "(?=[" + "".join(dict.fromkeys(members)) + "])"


def compile_screened(source: str) -> re.Pattern[str]:
    """``re.compile(source)``, with the look-ahead of :func:`screen` in front where it helps.

    Only for patterns without flags (global inline flags such as ``(?x)`` must start a pattern,
    so wrapping would change them; such a pattern is compiled unchanged).
    """
    lookahead = None if source.startswith("(?") and source[2:3].isalpha() else screen(source)
    return re.compile(source if lookahead is None else f"{lookahead}(?:{source})")
