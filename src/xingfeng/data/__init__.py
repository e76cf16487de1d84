"""Data files shipped with xingfeng (the State Council holiday schedules)."""
