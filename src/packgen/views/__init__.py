"""What each document shows, computed from a tailored pack: no I/O, no format library."""
