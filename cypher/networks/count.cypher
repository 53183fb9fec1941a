// How many current networks there are, and how many of them are of concern.
MATCH (n:Network {active: true})
RETURN count(n) AS total, count(n.concern_rank) AS of_concern
