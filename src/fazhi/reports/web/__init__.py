"""The pages of 年度报告与驾驶舱: `views` and `urls` (logged in), `public` and `public_urls` (issued reports, no
login), `forms`."""
