"""The adapters room: the library's reports written for the outside world.

Optional extras, each needing a package the domain does not: Word documents laid out as 公文
(:mod:`~xingfeng.adapters.word`, extra ``word``).  The top of the house: nothing in the
domain imports it.
"""

from xingfeng.adapters.word import DateStyle, Fonts, Frame, chinese_numeral_date, to_docx

__all__ = ["DateStyle", "Fonts", "Frame", "chinese_numeral_date", "to_docx"]
