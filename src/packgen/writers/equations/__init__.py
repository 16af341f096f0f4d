"""Equations drawn for the writers: OMML for Word and PowerPoint, Typst math for print.

Both read the MathML of ``packgen.texmath``; plain text is ``packgen.texmath.linear``.
"""
