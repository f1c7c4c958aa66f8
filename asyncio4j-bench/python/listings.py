"""The subreddit listings the demo-fetch suite serves from nginx: the shape and size of what
Reddit answers to /r/<name>/top.json?sort=top&t=day&limit=5 (a Listing of five t3 posts, each
with the fields Reddit sends), made up and the same on every run, so that parsing costs what the
tutorial's reader meets.
"""

import json

# The tutorial's three subreddits, fetched concurrently by its closing program.
SUBREDDITS = ("python", "programming", "compsci")

TITLES = {
    "python": ["Python async/await Tutorial", "Which version of Python do you use?",
               "Using game theory (and Python) to explain the dilemma of exchanging gifts",
               "A faster JSON parser, written in Rust, for Python", "What is new in Python 3.13"],
    "programming": ["684.8 TB of data is up for grabs due to publicly exposed MongoDB databases",
                    "Instagram's Million Dollar Bug?", "Amazingly simple explanation of Diffie-Hellman",
                    "Event loops, explained with one thread and a queue", "Why we rewrote our proxy"],
    "compsci": ["The Semantics of Version Control - Wouter Swierstra", "Favorite non-textbook CS books",
                "CompSci Weekend SuperThread (December 18, 2015)", "A gentle introduction to CRDTs",
                "How do garbage collectors find roots?"],
}


def post(subreddit, index, title):
    """One t3 post with Reddit's fields (values made up, deterministic)."""
    ident = f"{subreddit[:2]}{index:05d}x"
    score = 5000 // (index + 1) + 7 * len(title)
    permalink = f"/r/{subreddit}/comments/{ident}/{title.lower().replace(' ', '_')[:40]}/"
    return {"kind": "t3", "data": {
        "approved_at_utc": None, "subreddit": subreddit, "selftext": "", "author_fullname": f"t2_{ident}",
        "saved": False, "mod_reason_title": None, "gilded": 0, "clicked": False, "title": title,
        "link_flair_richtext": [], "subreddit_name_prefixed": f"r/{subreddit}", "hidden": False, "pwls": 6,
        "link_flair_css_class": None, "downs": 0, "thumbnail_height": 78, "top_awarded_type": None,
        "hide_score": False, "name": f"t3_{ident}", "quarantine": False, "link_flair_text_color": "dark",
        "upvote_ratio": 0.97, "author_flair_background_color": None, "subreddit_type": "public", "ups": score,
        "total_awards_received": 0, "media_embed": {}, "thumbnail_width": 140, "author_flair_template_id": None,
        "is_original_content": False, "user_reports": [], "secure_media": None, "is_reddit_media_domain": False,
        "is_meta": False, "category": None, "secure_media_embed": {}, "link_flair_text": None,
        "can_mod_post": False, "score": score, "approved_by": None, "is_created_from_ads_ui": False,
        "author_premium": False, "thumbnail": "https://b.thumbs.redditmedia.com/" + ident + ".jpg",
        "edited": False, "author_flair_css_class": None, "author_flair_richtext": [], "gildings": {},
        "post_hint": "link", "content_categories": None, "is_self": False, "mod_note": None,
        "created": 1450483200.0 + index * 3600, "link_flair_type": "text", "wls": 6,
        "removed_by_category": None, "banned_by": None, "author_flair_type": "text",
        "domain": "example.com", "allow_live_comments": False, "selftext_html": None, "likes": None,
        "suggested_sort": None, "banned_at_utc": None, "url_overridden_by_dest": f"https://example.com/{ident}",
        "view_count": None, "archived": False, "no_follow": False, "is_crosspostable": True, "pinned": False,
        "over_18": False, "preview": {"images": [{"source": {"url": f"https://external-preview.redd.it/{ident}.jpg",
                                                             "width": 1200, "height": 630},
                                                  "resolutions": [{"url": f"https://external-preview.redd.it/"
                                                                          f"{ident}-{w}.jpg", "width": w,
                                                                   "height": w * 630 // 1200}
                                                                  for w in (108, 216, 320, 640, 960)],
                                                  "variants": {}, "id": ident}], "enabled": False},
        "all_awardings": [], "awarders": [], "media_only": False, "can_gild": False, "spoiler": False,
        "locked": False, "author_flair_text": None, "treatment_tags": [], "visited": False,
        "removed_by": None, "num_reports": None, "distinguished": None, "subreddit_id": "t5_2qh0y",
        "author_is_blocked": False, "mod_reason_by": None, "removal_reason": None,
        "link_flair_background_color": "", "id": ident, "is_robot_indexable": True, "report_reasons": None,
        "author": f"user{index}", "discussion_type": None, "num_comments": score // 9, "send_replies": True,
        "contest_mode": False, "mod_reports": [], "author_patreon_flair": False, "author_flair_text_color": None,
        "permalink": permalink, "stickied": False, "url": f"https://example.com/{ident}",
        "subreddit_subscribers": 1_234_567, "created_utc": 1450483200.0 + index * 3600, "num_crossposts": 0,
        "media": None, "is_video": False}}


def listing(subreddit):
    """The JSON text of `subreddit`'s listing: five posts, as limit=5 asks."""
    titles = TITLES[subreddit]
    return json.dumps({"kind": "Listing", "data": {
        "after": f"t3_{subreddit[:2]}00005x", "dist": len(titles), "modhash": "", "geo_filter": None,
        "children": [post(subreddit, i, title) for i, title in enumerate(titles)], "before": None}})
