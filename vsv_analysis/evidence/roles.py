"""Roles: checking the roles a report is limited to, and the weight each role gives an edge.

The roles and their default weights come from a vocabulary (``roles.csv``; see
:mod:`vsv_analysis.evidence.vocabulary`), so another programme can have roles of its own.
Both functions are available from :mod:`vsv_analysis.network` too.
"""

from __future__ import annotations

import math
import numbers
import reprlib
from collections.abc import Iterable, Mapping

import numpy as np

from ..common.names import closest
from .vocabulary import Vocabulary, default_vocabulary

__all__ = ["check_roles", "role_weights"]


def check_roles(roles: Iterable[str], vocabulary: Vocabulary | None = None) -> list[str]:
    """Return ``roles`` as a list, or raise an error naming what is wrong.

    ``vocabulary`` gives the known roles (default: the shipped vocabulary).

    Raises
    ------
    TypeError
        When ``roles`` is not a list (or other collection) of role names.
    ValueError
        When a role is unknown; the message gives near-misses and where to add a role.
    """
    vocabulary = vocabulary or default_vocabulary()
    known = vocabulary.values("role")
    if isinstance(roles, str):
        roles = [roles]
    elif isinstance(roles, Mapping) or not isinstance(roles, Iterable):
        raise TypeError(f"roles must be a list of role names such as ['partner', 'observer'], "
                        f"not {reprlib.repr(roles)}")
    roles = list(roles)
    for role in roles:
        if not isinstance(role, str):
            raise TypeError(f"roles must be a list of role names such as ['partner', 'observer']; "
                            f"{reprlib.repr(role)} is not a name")
        if role not in known:
            hint = closest(role, known)
            raise ValueError(f"unknown role {reprlib.repr(role)}; known roles: {', '.join(known)}"
                             + (f" (did you mean {hint[0]!r}?)" if hint else "") + f"; {vocabulary.hint('role')}")
    return roles


def role_weights(overrides: Mapping[str, float] | None = None, vocabulary: Vocabulary | None = None
                 ) -> dict[str, float]:
    """The vocabulary's role weights with ``overrides`` applied; checks names and values.

    Raises
    ------
    TypeError
        When ``overrides`` is not a mapping of role name to number.
    ValueError
        For an unknown role, or a weight that is negative, NaN or infinite.

    Examples
    --------
    >>> role_weights({"observer": 0})["observer"]
    0.0
    >>> role_weights({"observer": float("nan")})
    Traceback (most recent call last):
    ...
    ValueError: role weight for 'observer' must be a finite number of 0 or more, not nan
    """
    vocabulary = vocabulary or default_vocabulary()
    if overrides is None:
        overrides = {}
    if not isinstance(overrides, Mapping):
        raise TypeError(f"role weights must be a mapping of role name to number, such as {{'observer': 0.0}}, "
                        f"not {reprlib.repr(overrides)}")
    weights = vocabulary.role_weights
    for role, weight in overrides.items():
        check_roles([role], vocabulary)
        if isinstance(weight, bool | np.bool_) or not isinstance(weight, numbers.Real):
            raise TypeError(f"role weight for {role!r} must be a number of 0 or more, not {reprlib.repr(weight)}")
        if not math.isfinite(weight) or weight < 0:
            raise ValueError(f"role weight for {role!r} must be a finite number of 0 or more, not {weight!r}")
        weights[role] = float(weight)
    return weights
