"""Exceptions raised by form8k.

Data problems in a filing ride on the record (`Filing.problems`, `status`);
exceptions are for input that cannot be read at all, for I/O and for bugs.

    Form8kError
     ├── InputError              the input cannot be read as a filing
     │    ├── EmptyInputError        nothing in it
     │    ├── BinaryInputError       bytes that are not text (an image, a zip…)
     │    └── InputTooLargeError     larger than the configured limit
     ├── StoreError              the database cannot be opened or written
     └── FetchError              EDGAR cannot be reached or refuses us
          ├── NetworkError           no network, or EDGAR's name does not resolve: retrying cannot help
          └── UserAgentError         no User-Agent naming the user was given
"""

from __future__ import annotations


class Form8kError(Exception):
    """Base of every error form8k raises on purpose."""


class InputError(Form8kError):
    """The input cannot be read as a filing."""


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class InputTooLargeError(InputError):
    pass


class StoreError(Form8kError):
    pass


class FetchError(Form8kError):
    pass


class NetworkError(FetchError):
    """No network, or the server's name does not resolve: the run stops at once instead of retrying."""


class UserAgentError(FetchError):
    pass
