// Every stored review date is now set under the policy with this digest ($policy).
MERGE (v:StoreVersion)
SET v.review_policy = $policy
