// Whether any network run's results are stored: a tie, a membership or a network. A run where
// none is (a store's first) and that writes more rows than one transaction holds is written in
// batches behind the readers' guard (graph_service/analysis/network_batches.py).
RETURN EXISTS { ()-[:TIED_TO]->() } OR EXISTS { ()-[:MEMBER_OF]->() } OR EXISTS { (:Network) } AS stored
