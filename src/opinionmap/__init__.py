"""Opinion mapping the way Polis computes it: pure Python and numpy/scipy, no Django.

- `model`: a conversation (participants, statements, votes, moderation) and the input error;
- `polis_io`: read and write a Polis export folder (comments.csv, votes.csv,
  participants-votes.csv);
- `matrix`: the sparse vote matrix with moderated-out statements zeroed;
- `pca`: PCA of the mean-imputed matrix and Polis' sparsity-aware participant projection;
- `kmeans`: Polis' k-means (first distinct points as start, empty clusters dropped), base clusters,
  weighted group clustering and the silhouette that picks k;
- `stats`: per-group statistics, representative statements, consensus and group-aware consensus;
- `pipeline`: `compute(conversation)` runs the whole pipeline and returns an `OpinionMap`.

Vote convention everywhere here: +1 = agree, -1 = disagree, 0 = pass (the Polis export's
convention; Polis' database and math use the opposite sign, see ../shared/data/polis/POLIS-MATH.md
section 0).
"""

from opinionmap.model import Conversation, OpinionMapInputError
from opinionmap.pipeline import OpinionMap, compute
from opinionmap.polis_io import read_polis_export, write_polis_export

__all__ = [
    "Conversation",
    "OpinionMap",
    "OpinionMapInputError",
    "compute",
    "read_polis_export",
    "write_polis_export",
]
