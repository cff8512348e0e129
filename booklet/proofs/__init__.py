"""A conference data folder -> speaker proofs: the booklet's own pages for each abstract, tutorial, poster author and session chair, marked PROOF, and a manifest for the mail merge.

The booklet is built once; each proof is a copy of its pages (byte for byte, see pagecopy) with
an overlay on top that stays off the text block: a "PROOF" band down the outer edge of the page
and a tinted strip above the running head saying whom the proof is for, when and where the talk
is, which booklet page it is, and whom to send corrections to by when.
"""

from .plan import MANIFEST, MANIFEST_COLUMNS, Proof, ProofsResult, UnknownProof, find_proof, page_label, page_ranges
from .marks import overlay_text
from .write import write_proof, write_proofs

__all__ = [
    "MANIFEST", "MANIFEST_COLUMNS", "Proof", "ProofsResult", "UnknownProof", "find_proof", "overlay_text",
    "page_label", "page_ranges", "write_proof", "write_proofs",
]
