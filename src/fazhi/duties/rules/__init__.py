"""The duties app's rules, by area: activities (述法学法) and demonstration (示范创建)."""
