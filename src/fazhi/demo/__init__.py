"""The fictional demo district 澄湖区: installed in development mode only (FAZHI_DEV=1), never in production.

Each workstream's demo records live in a module of this package (`fazhi/demo/<app>.py`) that registers its steps
with `registry.step`; the app's ready() imports every module here, so a workstream app never imports its demo."""
