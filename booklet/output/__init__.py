"""Output: laid-out flowables -> the PDF (render), PDF pages -> PNGs (pngs, preview), all written atomically."""
