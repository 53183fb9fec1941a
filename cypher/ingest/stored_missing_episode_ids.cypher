// Which of $ids are stored as MissingEpisode (new records are staged, stored ones merged at the publish).
UNWIND $ids AS id
MATCH (n:MissingEpisode {episode_id: id})
RETURN n.episode_id AS id
