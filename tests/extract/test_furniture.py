"""Page furniture: skipped by line when the line is short, by span or sentence inside a paragraph."""

from __future__ import annotations

import pytest

from graph.extract.furniture import furniture_spans, load_furniture_rules, mostly_furniture, story_share

STORY = ("Joe Biden spoke with Xi Jinping on Monday and the two leaders agreed to meet in Geneva next month, "
         "officials in Washington said on Tuesday.")
TWO_SENTENCES = ("Emmanuel Macron met Olaf Scholz in Berlin on Monday. The two leaders agreed on a joint plan "
                 "for the summit, an aide said on Tuesday.")


def marked(text: str) -> list[str]:
    return [text[a:b] for a, b in furniture_spans(text)]


@pytest.mark.parametrize("text, furniture", [
    # a credit inside a paragraph: only the bracketed span
    (STORY.replace(" and the two", " (Photo by Jane Doe/Getty Images) and the two"),
     ["(Photo by Jane Doe/Getty Images)"]),
    (STORY.replace(", officials", " [Jane Doe/Getty Images], officials"), ["[Jane Doe/Getty Images]"]),
    (STORY + " (Jane Doe/AFP via Getty Images)", ["(Jane Doe/AFP via Getty Images)"]),
    # a prompt inside a paragraph: only its sentence
    (TWO_SENTENCES.replace(" The two", " Sign up for our newsletter to get the latest news every morning. The two"),
     ["Sign up for our newsletter to get the latest news every morning."]),
    (TWO_SENTENCES + " Read more: the week in pictures", ["Read more: the week in pictures"]),
    # a paragraph without furniture
    (STORY, []),
])
def test_furniture_in_a_paragraph_is_only_what_holds_the_phrase(text, furniture):
    assert marked(text) == furniture


@pytest.mark.parametrize("line, is_furniture", [
    ("Photo: Jane Doe/Getty Images", True),
    ("Sign up for our daily newsletter.", True),
    ("Leaders agree to ceasefire in border war", True),
    ("What happens next?", True),
    ("The two leaders are expected to meet again in the spring.", False),
])
def test_short_lines_stay_furniture_as_a_whole(line, is_furniture):
    text = f"Headline of the day\nStandfirst of the story.\n{STORY}\n{line}\n{STORY}\n"
    assert marked(text) == ([line] if is_furniture else [])


def test_the_headline_and_standfirst_are_kept():
    assert marked(f"Leaders agree to talks\nA short standfirst without a stop\n{STORY}\n") == []


def test_a_teaser_list_between_separators_is_furniture():
    text = f"{STORY}\nMore on this story\n-\nLeaders agree to talks\n-\nAn aide resigns\n"
    assert marked(text) == ["More on this story", "-", "Leaders agree to talks", "-", "An aide resigns"]


@pytest.mark.parametrize("story, before, credit", [
    (STORY, " and the two", " (Photo by Jane Doe/Getty Images)"),
    (STORY, ", officials", " (Jane Doe/AFP via Getty Images)"),
    (TWO_SENTENCES, " The two", " [Jane Doe/Getty Images]"),
    (TWO_SENTENCES, " The two", " Photograph: Jane Doe."),
])
def test_a_one_paragraph_article_with_a_credit_keeps_its_events(extract, story, before, credit):
    events = extract(story.replace(before, credit + before)).events
    assert [(e.event_class, e.trigger, e.actors) for e in events] == \
        [(e.event_class, e.trigger, e.actors) for e in extract(story).events]
    assert len(events) >= 2 and all(e.dating is not None for e in events)


def test_a_paragraph_with_a_prompt_keeps_its_other_sentences(extract):
    prompted = TWO_SENTENCES.replace(" The two", " Sign up for our newsletter to get the latest news. The two")
    assert [e.event_class for e in extract(prompted).events] == [e.event_class for e in extract(TWO_SENTENCES).events]
    assert {"Meeting", "Agreement"} <= {e.event_class for e in extract(prompted).events}


@pytest.mark.parametrize("text, mostly", [
    (f"Headline\n{STORY}\n{TWO_SENTENCES}\n", False),
    (f"Headline\n{STORY}\nRelated stories\nLeaders agree to talks\nAn aide resigns\n", False),
    ("Headline\nStandfirst\nSubscribe to our newsletter\n" + "Leaders agree to talks in a border war\n" * 12, True),
    ("Headline\nStandfirst\nThird line\n" + "\n".join(["a short line without a stop"] * 20), True),
])
def test_an_article_that_is_mostly_furniture_is_told(text, mostly):
    assert mostly_furniture(text) is mostly
    assert (story_share(text) < load_furniture_rules().min_story_share) is mostly


def test_many_phrases_in_one_long_line_take_linear_time():
    line = "(Photo by Jane Doe/Getty Images) and the story goes on. " * 20000
    spans = furniture_spans(line)
    assert len(spans) == 20000 and all(line[a:b] == "(Photo by Jane Doe/Getty Images)" for a, b in spans)


@pytest.mark.parametrize("line, furniture", [
    ("Chile rejected the border plan. We will keep talking, — added the envoy", False),
    ("Officials met in Oslo. More talks are planned", False),
    ("Scale of the losses revealed", True),
])
def test_a_short_line_holding_a_full_sentence_is_prose(line, furniture):
    from graph.extract.furniture import is_furniture_line, load_furniture_rules

    assert is_furniture_line(line, 5, load_furniture_rules()) is furniture
