// For the networks notebook: how many people are stored, and how many of the demo scenario's
// planted people ($person_ids) are among them (it loads the demo only into an empty database).
RETURN COUNT { (:Person) } AS people,
       COUNT { (p:Person) WHERE p.person_id IN $person_ids } AS demo_people
