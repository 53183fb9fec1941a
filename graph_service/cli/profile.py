"""``graph-service profile [--area NAME] --from --to [--since DATE] [--partner]
--format html|pdf|json [--out FILE]``: the problem profile of an area for a MACSE meeting.
Audited, like every view of the intelligence. See docs/areas.md.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from graph_service import settings as service_settings
from graph_service.cli.auditing import parameters, record, require_intact
from graph_service.cli.output import to_json

_DATE = click.DateTime(formats=["%Y-%m-%d"])
FORMATS = ("text", "json", "html", "pdf")


@click.command("profile")
@click.argument("area_argument", metavar="[AREA]", required=False)
@click.option("--area", help="The area: its ID or name (`graph-service areas list`); default: the force.")
@click.option("--from", "start", type=_DATE, required=True, help="First day of the period (YYYY-MM-DD).")
@click.option("--to", "end", type=_DATE, required=True, help="Last day of the period (YYYY-MM-DD).")
@click.option("--since", type=_DATE, help="Date of the last MACSE meeting: figures since then are given too.")
@click.option("--partner", is_flag=True, help="The version a partner may receive (disclosure rules applied).")
@click.option("--format", "form", type=click.Choice(FORMATS), default=None,
              help="text (the headline figures, default), json, html (the printable pack) or pdf (the pack printed "
                   "by headless Chromium; needs --out).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of printing.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Same as --format html --out FILE.")
@click.option("--purpose", help="Why you need the profile (recorded in the audit log).")
def command(area_argument: str | None, area: str | None, start, end, since, partner: bool, form: str | None,
            out: Path | None, as_json: bool, html_file: Path | None, purpose: str | None) -> None:
    """The problem profile of an area (an ID or a name from `graph-service areas list`; without
    one, the force's)."""
    from graph_service.analysis.profile import ProfileError, build_profile, default_area
    from graph_service.db import connect

    form, out = _format(form, out, as_json, html_file)
    if area and area_argument and area != area_argument:
        raise click.UsageError(f"area: given twice ({area_argument!r} and --area {area!r}): give one")
    settings = service_settings.load()
    require_intact(settings)
    with connect(settings) as db:
        try:
            chosen = area or area_argument or default_area(db)
            profile = build_profile(db, chosen, start.date(), end.date(), since.date() if since else None,
                                    partner=partner, today=date.today())
        except ProfileError as problem:
            raise click.ClickException(str(problem)) from None
    exported = out is not None or form in ("html", "pdf")
    record(settings, "profile.export" if exported else "profile.view", [], purpose, detail=parameters(
        area=profile["area"]["area_id"], start=start.date(), end=end.date(), since=since.date() if since else None,
        partner=partner, format=form, out=out))
    content = render(profile, form)
    if out is not None:
        if isinstance(content, bytes):
            out.write_bytes(content)
        else:
            out.write_text(content, encoding="utf-8")
        click.echo(f"written to {out}")
    else:
        click.echo(content)


def _format(form: str | None, out: Path | None, as_json: bool, html_file: Path | None) -> tuple[str, Path | None]:
    """The format and file asked for, the older ``--json`` and ``--html FILE`` included."""
    if as_json and form not in (None, "json") or html_file and (form not in (None, "html") or out):
        raise click.UsageError("format: give one of --format, --json and --html")
    if as_json:
        form = "json"
    if html_file:
        form, out = "html", html_file
    form = form or "text"
    if form == "pdf" and out is None:
        raise click.UsageError("--format pdf: give the file to write with --out FILE (a PDF is not printed "
                               "to the terminal)")
    return form, out


def render(profile: dict, form: str) -> str | bytes:
    """The profile as text, JSON, the HTML pack, or the pack as PDF."""
    if form == "json":
        return to_json(profile)
    if form in ("html", "pdf"):
        from graph_service.web.profile_pack import render_pack

        html = render_pack(profile)
        if form == "html":
            return html
        from graph_service.reports.pdf import PdfUnavailable, html_to_pdf

        try:
            return html_to_pdf(html)
        except PdfUnavailable as problem:
            raise click.ClickException(str(problem)) from None
    return "\n".join(summary_lines(profile))


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
        f"hot spots of concern: {figure('locations', 'hot_spots_of_concern')}, "
        f"{text(profile['locations']['new_hot_spots'])} new and "
        f"{text(profile['locations']['intensifying_hot_spots'])} intensifying since the previous period",
        *[f"theme {name.replace('_', ' ')}: {figure('themes', name)}" for name in profile["themes"]],
    ]
