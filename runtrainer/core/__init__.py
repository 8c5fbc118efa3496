"""The pure-Python heart of runtrainer: routines, the session engine, the clock. Never imports textual."""
