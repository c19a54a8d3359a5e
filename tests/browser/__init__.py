"""Browser tests of the HTML timeline; the Chromium driver they share is :mod:`tests.browser.chromium`."""
