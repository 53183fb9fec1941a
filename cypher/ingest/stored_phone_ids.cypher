// Which of $ids (numbers in E.164) are stored as Phone, with their element IDs (reference
// checks, and the element IDs staged records refer to stored nodes by).
UNWIND $ids AS id
MATCH (n:Phone {number: id})
RETURN n.number AS id, elementId(n) AS element_id
