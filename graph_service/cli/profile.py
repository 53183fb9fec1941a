"""``graph-service profile AREA --from --to [--since] [--partner] [--json | --html FILE]``: the
problem profile of an area for a MACSE meeting. Audited, like every view of the intelligence.
See docs/areas.md.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from graph_service import settings as service_settings
from graph_service.cli.auditing import parameters, record, require_intact
from graph_service.cli.output import echo_json

_DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command("profile")
@click.argument("area")
@click.option("--from", "start", type=_DATE, required=True, help="First day of the period (YYYY-MM-DD).")
@click.option("--to", "end", type=_DATE, required=True, help="Last day of the period (YYYY-MM-DD).")
@click.option("--since", type=_DATE, help="Date of the last MACSE meeting: figures since then are given too.")
@click.option("--partner", is_flag=True, help="The version a partner may receive (disclosure rules applied).")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the printable pack (HTML, charts and tables) to this file.")
@click.option("--purpose", help="Why you need the profile (recorded in the audit log).")
def command(area: str, start, end, since, partner: bool, as_json: bool, html_file: Path | None,
            purpose: str | None) -> None:
    """The problem profile of AREA (an ID or a name from `graph-service areas list`)."""
    from graph_service.analysis.profile import ProfileError, build_profile
    from graph_service.db import connect

    settings = service_settings.load()
    require_intact(settings)
    with connect(settings) as db:
        try:
            profile = build_profile(db, area, start.date(), end.date(), since.date() if since else None,
                                    partner=partner, today=date.today())
        except ProfileError as problem:
            raise click.ClickException(str(problem)) from None
    record(settings, "profile.export" if html_file else "profile.view", [], purpose, detail=parameters(
        area=profile["area"]["area_id"], start=start.date(), end=end.date(), since=since.date() if since else None,
        partner=partner, json=as_json, html=html_file))
    if html_file is not None:
        from graph_service.web.profile_pack import render_pack

        html_file.write_text(render_pack(profile), encoding="utf-8")
        click.echo(f"written to {html_file}")
        return
    if as_json:
        echo_json(profile)
        return
    for line in summary_lines(profile):
        click.echo(line)


def summary_lines(profile: dict) -> list[str]:
    """The profile's headline figures as lines of text, each with the previous period's."""
    from graph_service.disclosure import text

    def figure(section: str, name: str) -> str:
        before = profile["previous"][section][name]
        return f"{text(profile[section][name])} (previous period {text(before)})"

    area = profile["area"]
    return [
        f"{area['name']} ({area['level'].replace('_', ' ')}), {profile['from']} to {profile['to']}"
        + (" - partner version" if profile["partner"] else ""),
        f"children at risk: {figure('victims', 'total')}",
        f"children repeat missing: {figure('victims', 'repeat_missing')}",
        f"suspected perpetrators: {figure('offenders', 'total')}",
        f"places of concern: {figure('locations', 'places_of_concern')}",
        *[f"theme {name.replace('_', ' ')}: {figure('themes', name)}" for name in profile["themes"]],
    ]
