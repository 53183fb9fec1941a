// Home page counts for MACSE partners: intelligence they may see (handling code P) and
// missing episodes, as numbers only. $since: start of the recent period.
RETURN COUNT { (i:Intel) WHERE i.handling_code = 'P' } AS intel_reports_shareable,
       COUNT { (i:Intel) WHERE i.handling_code = 'P' AND i.reported_on >= $since } AS intel_reports_shareable_recent,
       COUNT { (:MissingEpisode) } AS missing_episodes,
       COUNT { (m:MissingEpisode) WHERE m.reported_at >= datetime({date: $since}) } AS missing_episodes_recent,
       COUNT { (m:MissingEpisode) WHERE m.found_at IS NULL } AS still_missing
