"""Help screens without a type shown for flags: Typer prints ``--strict <bool>`` and even
``--help <bool>``, as if they took a value. A flag gets an empty metavar, which Typer prints as is."""

from __future__ import annotations

from typing import Any

from typer.core import TyperGroup


def _no_flag_types(command: Any, ctx: Any) -> None:
    help_option = command.get_help_option(ctx) if hasattr(command, "get_help_option") else None
    for param in [*getattr(command, "params", ()), help_option]:
        if param is not None and getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""


class FlagHelpGroup(TyperGroup):
    """The command group of ``zfxxgk``: its own options and every command's, flags shown bare."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _no_flag_types(command, ctx)
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _no_flag_types(self, ctx)
        super().format_help(ctx, formatter)
