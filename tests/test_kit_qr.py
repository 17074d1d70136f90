"""The QR codes (handout and slides) decode to the site's address, in each language.

How it is checked: Chromium draws the inline SVG exactly as shown on the page into a canvas; the
test samples each module's centre and decodes the matrix with the small QR reader below (format
bits, unmasking, zig-zag read, block de-interleaving, byte-mode segment). The reader is written
from the QR specification and shares no code with segno, so a wrong URL, a cropped or distorted
code, or a broken SVG fails. It reads versions 1 to 6 (what a site address needs) and assumes no
damaged modules, so it skips error correction.
"""
import pytest

from support import LANGS, page_url
from test_present import wait_for_slides

from sitebuild import kit as K

SAMPLE = """async (svg) => {
  const n = svg.viewBox.baseVal.width, s = 8;
  const img = new Image();
  img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
  await img.decode();
  const c = document.createElement("canvas"); c.width = c.height = n * s;
  const g = c.getContext("2d"); g.fillStyle = "#fff"; g.fillRect(0, 0, n * s, n * s);
  g.drawImage(img, 0, 0, n * s, n * s);
  const px = g.getImageData(0, 0, n * s, n * s).data, rows = [];
  for (let r = 0; r < n; r++) { const row = [];
    for (let col = 0; col < n; col++) { const i = ((r * s + s / 2) * n * s + col * s + s / 2) * 4; row.push(px[i] < 128 ? 1 : 0); }
    rows.push(row); }
  return rows;
}"""

# (data codewords per block, number of blocks) for error levels L and M, versions 1 to 6.
BLOCKS = {"L": {1: (19, 1), 2: (34, 1), 3: (55, 1), 4: (80, 1), 5: (108, 1), 6: (68, 2)},
          "M": {1: (16, 1), 2: (28, 1), 3: (44, 1), 4: (32, 2), 5: (43, 2), 6: (27, 4)}}
LEVELS = {1: "L", 0: "M", 3: "Q", 2: "H"}
MASKS = [lambda i, j: (i + j) % 2 == 0, lambda i, j: i % 2 == 0, lambda i, j: j % 3 == 0,
         lambda i, j: (i + j) % 3 == 0, lambda i, j: (i // 2 + j // 3) % 2 == 0,
         lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
         lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
         lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0]


def crop(rows):
    """Drop the quiet zone: the top-left finder's corner is the first dark module."""
    dark = [(r, c) for r, row in enumerate(rows) for c, v in enumerate(row) if v]
    top, left = min(r for r, _ in dark), min(c for _, c in dark)
    bottom, right = max(r for r, _ in dark), max(c for _, c in dark)
    return [row[left:right + 1] for row in rows[top:bottom + 1]]


def decode(m):
    size = len(m)
    version = (size - 17) // 4
    assert size == 17 + 4 * version and 1 <= version <= 6, f"unexpected QR size {size}"
    # Format bits: first copy, around the top-left finder (bit i, row/col as the spec places them).
    spots = [(i, 8) for i in range(6)] + [(7, 8), (8, 8), (8, 7)] + [(8, 14 - i) for i in range(9, 15)]
    bits = sum(m[r][c] << i for i, (r, c) in enumerate(spots)) ^ 0x5412
    level, mask = LEVELS[bits >> 13], (bits >> 10) & 7
    # Function modules: finders with separators and format areas, timing lines, alignment.
    fn = [[False] * size for _ in range(size)]
    for r in range(size):
        for c in range(size):
            if (r < 9 and c < 9) or (r < 9 and c >= size - 8) or (r >= size - 8 and c < 9) \
                    or r == 6 or c == 6 or (version >= 2 and abs(r - (size - 7)) <= 2
                                            and abs(c - (size - 7)) <= 2):
                fn[r][c] = True
    stream = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        upward = ((right + 1) & 2) == 0
        for vert in range(size):
            r = size - 1 - vert if upward else vert
            for c in (right, right - 1):
                if not fn[r][c]:
                    stream.append(m[r][c] ^ int(MASKS[mask](r, c)))
        right -= 2
    codewords = [int("".join(map(str, stream[i:i + 8])), 2) for i in range(0, len(stream) - 7, 8)]
    per_block, nblocks = BLOCKS[level][version]
    data = [cw for b in range(nblocks) for cw in codewords[b:per_block * nblocks:nblocks]]
    bitstr = "".join(f"{cw:08b}" for cw in data)
    assert bitstr[:4] == "0100", f"not a byte-mode segment: mode {bitstr[:4]}"
    count = int(bitstr[4:12], 2)
    return bytes(int(bitstr[12 + 8 * k:20 + 8 * k], 2) for k in range(count)).decode("utf-8")


def read_qr(page, selector):
    svg = page.locator(selector).first
    assert svg.is_visible()
    return decode(crop(svg.evaluate(SAMPLE)))


def test_reader_decodes_a_known_code(page):
    """The reader itself: codes made by segno for addresses of several lengths come back intact."""
    for url in ("https://a.ca/", "http://127.0.0.1:8000/en/",
                "https://school-board.github.io/images-intimes-arrete-ca/en/"):
        page.set_content(K.qr_svg(url, "QR"))
        assert read_qr(page, "svg") == url


@pytest.mark.parametrize("lang", LANGS)
def test_handout_qr_code_gives_the_site_address(page, base_url, lang):
    page.goto(page_url(base_url, "educateurs/fiche", lang))
    expected = base_url if lang == "fr" else base_url + "en/"
    assert read_qr(page, "[data-handout] svg[data-qr-url]") == expected
    # The printed address under the code matches too, for people without a scanner.
    assert page.locator("[data-handout] .ns-qr__url").inner_text().strip() == expected


@pytest.mark.parametrize("lang", LANGS)
def test_slides_show_a_qr_code_to_the_site(page, base_url, lang):
    page.goto(page_url(base_url, "ordonnance", lang))
    page.locator("[data-present]").click()
    wait_for_slides(page)
    expected = base_url if lang == "fr" else base_url + "en/"
    assert read_qr(page, "[data-present-root] svg[data-qr-url]") == expected
