"""Sentence embeddings: all-MiniLM-L6-v2 in numpy, as sentence-transformers gives it."""

import math

import numpy as np
import pytest

from claims.ingest import embed


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_it_is_installed():
    # requirements-nodeps.txt installs the model: the product needs it.
    assert embed.available()
    assert (embed.model_dir() / "model.safetensors").is_file()


def test_it_gives_one_unit_vector_per_text():
    vectors = embed.embed(["Taxes rose.", "The council closed 12 libraries in Leeds."])
    assert vectors.shape == (2, embed.DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_it_takes_no_texts():
    assert embed.embed([]).shape == (0, embed.DIMENSIONS)


def test_it_gives_the_same_vectors_in_a_batch_as_one_by_one():
    texts = [
        "Yes.",
        "Unemployment rose by 4.2% in 2023, the highest rate since 1992.",
        "The minister said the hackers had accessed the electoral registers of "
        "40 million voters between August 2021 and October 2022.",
        "Thank you very much.",
        "",
    ]
    together = embed.embed(texts, batch_size=3)
    alone = np.vstack([embed.embed([text]) for text in texts])
    assert np.abs(together - alone).max() < 1e-5


def test_it_places_paraphrases_close_and_unrelated_sentences_apart():
    a, paraphrase, unrelated = embed.embed(
        [
            "The government will raise taxes on petrol next year.",
            "Next year fuel duty is going up, the government says.",
            "My grandmother grows tomatoes in her garden.",
        ]
    )
    assert cosine(a, paraphrase) > 0.7
    assert cosine(a, unrelated) < 0.3


def test_it_reproduces_sentence_transformers_published_similarities():
    # The similarity matrix printed in sentence-transformers' quickstart for
    # all-MiniLM-L6-v2 (computed there with torch), to its four decimals.
    vectors = embed.embed(
        [
            "The weather is lovely today.",
            "It's so sunny outside!",
            "He drove to the stadium.",
        ]
    )
    published = np.array(
        [[1.0, 0.6660, 0.1046], [0.6660, 1.0, 0.1411], [0.1046, 0.1411, 1.0]]
    )
    assert np.abs(vectors @ vectors.T - published).max() < 1e-3


def test_it_reads_no_further_than_the_models_256_tokens():
    head = "The budget grew again. " * 60  # 300 word pieces and more
    vectors = embed.embed([head, head + "Nothing past the limit counts at all."])
    assert np.abs(vectors[0] - vectors[1]).max() < 1e-6


def test_it_pools_intermediate_layers_and_the_last_one_is_the_embedding():
    texts = ["Crime fell by 12 percent.", "What do you think?"]
    last = embed.pooled(texts, layers=embed.LAYERS)
    unit = last / np.linalg.norm(last, axis=1, keepdims=True)
    assert np.abs(unit - embed.embed(texts)).max() < 1e-6
    fourth = embed.pooled(texts, layers=4)
    assert fourth.shape == (2, embed.DIMENSIONS)
    assert not np.allclose(fourth, last)
    with pytest.raises(ValueError):
        embed.pooled(texts, layers=7)


def test_its_erf_matches_the_standard_library():
    x = np.linspace(-6, 6, 2001, dtype=np.float32)
    expected = np.array([math.erf(float(v)) for v in x])
    assert np.abs(embed._erf(x) - expected).max() < 1e-6


def test_it_loads_the_weights_once():
    assert embed._get_model() is embed._get_model()


# --- the static table (claim matching) ---------------------------------------


def test_static_gives_one_unit_vector_per_text_and_zeros_for_no_words():
    vectors = embed.static(["Taxes rose.", "", "The council closed 12 libraries."])
    assert vectors.shape == (3, embed.STATIC_DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[[0, 2]], axis=1), 1.0, atol=1e-5)
    assert not vectors[1].any()
    assert embed.static([]).shape == (0, embed.STATIC_DIMENSIONS)


def test_static_places_paraphrases_closer_than_unrelated_sentences():
    a, paraphrase, unrelated = embed.static(
        [
            "The government will raise taxes on petrol next year.",
            "Next year fuel duty is going up, the government says.",
            "My grandmother grows tomatoes in her garden.",
        ]
    )
    assert cosine(a, paraphrase) > cosine(a, unrelated) + 0.2


def test_static_agrees_with_the_transformer_it_was_distilled_from():
    # The static table ranks pairs as MiniLM does: the most similar of these
    # pairs by one is the most similar by the other.
    texts = [
        "Unemployment fell to its lowest level in a decade.",
        "The jobless rate dropped to a ten-year low.",
        "The museum reopened after a two-year renovation.",
        "Police arrested three men after the robbery.",
    ]
    full, quick = embed.embed(texts), embed.static(texts)
    pairs = [(0, 1), (0, 2), (0, 3), (2, 3)]
    by_full = sorted(pairs, key=lambda p: -float(full[p[0]] @ full[p[1]]))
    by_quick = sorted(pairs, key=lambda p: -float(quick[p[0]] @ quick[p[1]]))
    assert by_full[0] == by_quick[0] == (0, 1)


def test_a_missing_table_is_built_once_and_written(tmp_path, monkeypatch):
    path = tmp_path / "data" / "table.npy"
    calls = []
    rows = embed.vocabulary_size()

    def fake_distil(progress=None):
        calls.append(1)
        table = np.zeros((rows, embed.STATIC_DIMENSIONS), dtype=np.float16)
        table[:, 0] = 1
        return table

    monkeypatch.setattr(embed, "STATIC_PATH", path)
    monkeypatch.setattr(embed, "distil", fake_distil)
    embed._load_static.cache_clear()
    try:
        vectors = embed.static(["Taxes rose.", "Prices fell."])
        embed.static(["Again."])
        assert calls == [1]
        assert path.is_file() and np.load(path).shape == (rows, embed.STATIC_DIMENSIONS)
        assert np.allclose(vectors[:, 0], 1.0)
    finally:
        embed._load_static.cache_clear()
