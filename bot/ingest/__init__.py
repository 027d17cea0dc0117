"""ingest: fetch feeds over HTTP (httpx) and parse them (feedparser) into Articles.

Takes a FeedSource and its FeedState; returns a FetchResult and a FeedRead (articles plus
problems). Owns all feed network I/O. Must never raise on bad input: a broken feed is data.
"""
