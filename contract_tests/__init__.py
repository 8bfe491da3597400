"""Black-box HTTP contract suite shared by every Triptych implementation."""
