"""The catalogue of finding codes: for each its severity, name, summary and explanation.

Every finding packgen reports carries one of these codes (``packgen rules PG104`` explains
it); ``docs/rules.md`` is written from this table by ``scripts/rules_doc.py``. Standard
library only, so any stage, the docs script and the CLI can read it.
"""

from __future__ import annotations

from dataclasses import dataclass

FAMILIES = {
    "PG0": "Reliability and files (PG0xx)",
    "PG1": "Content (PG1xx)",
    "PG2": "Easy read (PG2xx)",
    "PG3": "Timing (PG3xx)",
    "PG4": "Deck template (PG4xx)",
    "PG5": "Overflow (PG5xx)",
}
"""The first three characters of a code to the title of its family."""

_SILENCE_WHERE = {"PG0": "*", "PG1": "content/modules/intro.md",
                  "PG2": "content/modules/intro.md", "PG3": "content/packs/staff-intro.yaml",
                  "PG4": "templates/deck.pptx", "PG5": "staff-intro"}


@dataclass(frozen=True, slots=True)
class Code:
    """One finding code and what a user needs to know about it."""

    code: str
    """``PG`` and three digits, stable across releases."""
    severity: str
    """``error``, ``warning`` or ``info``: how bad its findings are by default."""
    name: str
    """A short kebab-case name that can stand for the code (``slide-too-full``)."""
    summary: str
    """One line: what a finding with this code says is wrong."""
    checks: str
    """What it checks."""
    why: str
    """Why it matters."""
    fix: str
    """How to fix it."""
    where: str = ""
    """A place to silence it at in the example (a file, folder or pack id); by family else."""

    @property
    def family(self) -> str:
        """Return the title of the code's family (``Content (PG1xx)``)."""
        return FAMILIES[self.code[:3]]

    def silence(self) -> str:
        """Return how to silence it: the ``packgen.toml`` lines, or that errors cannot be."""
        if self.severity == "error":
            return "Errors cannot be silenced: they mean a pack cannot be built correctly."
        where = self.where or _SILENCE_WHERE[self.code[:3]]
        return (f'In packgen.toml:\n\n    [silence]\n    {self.code} = ["{where}"]\n\n'
                'List files, folders (shell wildcards allowed) or pack ids; "*" silences it '
                "everywhere.")

    def as_dict(self) -> dict[str, str]:
        """Return the JSON shape: code, severity, name, summary and the explanation's parts."""
        return {"code": self.code, "severity": self.severity, "name": self.name,
                "summary": self.summary, "checks": self.checks, "why": self.why,
                "fix": self.fix, "silence": self.silence()}


def lookup(key: str) -> Code | None:
    """Return the code ``key`` names (a code in any case, or a name), or None."""
    wanted = key.strip()
    return CODES.get(wanted.upper()) or _BY_NAME.get(wanted.lower())


def names() -> list[str]:
    """Return every code's name, in code order."""
    return list(_BY_NAME)


E, W, I = "error", "warning", "info"

CATALOGUE: tuple[Code, ...] = (
    # --- reliability and files -----------------------------------------------------------
    Code("PG001", E, "output-changed-by-hand",
         "an output changed by hand, a file packgen did not write, or a link in a pack folder",
         "Before replacing a pack's outputs, each file is compared with the hash manifest.json "
         "recorded. A changed output is not replaced without --force; a file or folder packgen "
         "did not write is never deleted (without --force the build stops naming it, with "
         "--force it is moved into the new pack folder); a symbolic link or special file in a "
         "pack's output folder is never followed, read, copied or kept.",
         "Someone's hand edits to a handout, or a file they put beside the outputs, are not lost "
         "silently, and a link cannot make a build read or overwrite something elsewhere.",
         "Move your edits into content/ or templates/, then build with --force; remove any link "
         "from the pack's output folder."),
    Code("PG002", E, "unsafe-file",
         "a template or picture that is not what it claims (zip bomb, fake image, DOCTYPE)",
         "Deck templates, reference.docx and pictures are inspected before any library opens "
         "them: a zip bomb, a zip member over 50 MiB or over 200 MiB in all, a member name that "
         "is absolute, climbs out with '..' or repeats, an XML part declaring a DOCTYPE, a zip "
         "that is not a .pptx or .docx, a fake or damaged image.",
         "A damaged or hostile file would otherwise exhaust memory or disk, or make a library "
         "expand entities or fetch files, while the build runs.",
         "Save the file again from PowerPoint, Word or an image editor, or replace it with a "
         "known-good copy."),
    Code("PG003", E, "unreadable-input",
         "an input file that cannot be read or parsed (YAML, TOML, Markdown, encoding)",
         "Every input is read and parsed with its line: invalid YAML or TOML, text that is not "
         "UTF-8 (named at the line of its first bad byte), a folder where a file was expected, "
         "a file that cannot be opened, a loop of symbolic links.",
         "A file packgen cannot read cannot be built from; stopping at the exact line is faster "
         "than guessing what went wrong.",
         "Fix the syntax at the line given, save the file as UTF-8, or replace the folder with "
         "the file that was meant."),
    Code("PG004", E, "unsafe-output-folder",
         "the output folder is the project, above it, or in content/ or templates/",
         "The output folder is never the project itself, a folder above it, content/ or "
         "templates/, or a folder inside them (links resolved first), and a pack's own output "
         "folder is never a link; checked before anything is written, with or without --force.",
         "Replacing a pack's folder deletes what was there: pointed at the project it would "
         "delete the project's sources.",
         "Choose another --out folder, such as the default out/."),
    Code("PG005", E, "pack-locked",
         "another build of the same pack did not finish in time",
         "A build holds a lock on its pack (OUT/.<pack>.lock) from start to swap. A second build "
         "of the same pack waits up to PACKGEN_LOCK_WAIT seconds (default 120), then stops; "
         "builds of different packs never wait for each other.",
         "Two builds writing one pack folder at once would mix their files.",
         "Wait for the other build to finish (or stop it), or raise PACKGEN_LOCK_WAIT."),
    Code("PG006", E, "write-failed",
         "an output could not be written (disk full, read-only folder, name too long)",
         "Every write is checked: a full disk, a read-only or locked folder, a name too long for "
         "the file system, a NUL byte in the output folder's name, a pack id over 200 bytes "
         "(refused before anything is written).",
         "The previous outputs stay as they were and nothing half-written is left behind.",
         "Free some space, make the folder writable, or use a shorter pack id or output path."),
    Code("PG007", I, "orphaned-pack-folder",
         "an output folder for a pack that no longer exists",
         "A folder of the output folder whose manifest.json names a pack that is no longer in "
         "content/packs/ is reported on every build. Folders without a packgen manifest are "
         "never touched.",
         "Old outputs of a removed pack would otherwise be handed out by mistake.",
         "Run packgen build --prune: it removes the files its manifest lists, the manifest, then "
         "the folder if nothing else is left in it."),
    Code("PG010", W, "pack-file-yml",
         "a pack file ending in .yml is ignored",
         "Pack files in content/packs/ must end in .yaml; a file ending in .yml is skipped.",
         "A pack that is silently not built is easy to miss.",
         "Rename the file to end in .yaml.", "content/packs/old.yml"),
    Code("PG011", E, "invalid-field",
         "a field of a YAML file or packgen.toml is missing, repeated or mistyped",
         "Pack files, audiences.yaml, glossary, theme and spaces files and module front matter "
         "are checked field by field: a missing required key, a value of the wrong kind (text, "
         "number, list, mapping, date, colour, language tag), an id given twice, a break after "
         "a module the pack does not list, activities longer than the module's duration. "
         "Unknown keys are PG025; clock times PG120.",
         "A mistyped field would otherwise change what is built without a word; every problem "
         "is reported in one pass, each at its line.",
         "Correct the field at the line given; the message says what was expected and what was "
         "found."),
    Code("PG012", E, "project-not-found",
         "the project folder given does not exist",
         "The project folder (the current folder, or the one given on the command line) must be "
         "an existing folder.",
         "Nothing can be checked or built without a project.",
         "Run packgen from the project's folder, or pass the right path."),
    Code("PG013", E, "no-packs",
         "the project has no packs in content/packs/",
         "A project needs at least one pack file (content/packs/<id>.yaml) for build, check and "
         "the other commands to work on.",
         "Without a pack there is nothing to build, which is almost always a wrong folder.",
         "Add a pack file to content/packs/, or run packgen in the right project."),
    Code("PG014", E, "unknown-pack",
         "a pack named on the command line is not in content/packs/",
         "Each pack id given to a command must be the name of a pack file in content/packs/ "
         "(without .yaml); the message lists the packs there are.",
         "A typo in a pack id would otherwise build nothing and look like success.",
         "Use one of the pack ids the message lists."),
    Code("PG015", I, "pack-not-built",
         "a pack was not built because of the errors reported before it",
         "After a pack's errors, one line at its pack file says it was not built, why in a few "
         "words (the files its errors are in: its own, a module it uses, or a file every pack "
         "reads) and, when it had outputs, that they stay as they were. Packs that use none "
         "of the broken files are built.",
         "With many packs built side by side, it says plainly which ones failed and why.",
         "Fix the errors reported for the files it names."),
    Code("PG016", E, "invalid-source-date-epoch",
         "SOURCE_DATE_EPOCH is not a whole number of seconds",
         "When the SOURCE_DATE_EPOCH environment variable is set, it must be whole seconds since "
         "1 January 1970 (UTC).",
         "It stamps every output's date; a wrong value would make builds unreproducible.",
         "Set it to a number such as the last commit's time (git log -1 --format=%ct), or unset "
         "it."),
    Code("PG017", E, "cannot-serve",
         "packgen serve cannot listen on the port asked for",
         "The preview server listens on 127.0.0.1 at the port given; a port in use or not "
         "allowed is one line.",
         "Without its port the preview cannot be opened.",
         "Choose another --port (0 picks a free one), or stop what is using it."),
    Code("PG018", E, "watcher-stopped",
         "the file watcher of watch or serve stopped",
         "watch and serve rebuild when a file changes; when the file watcher cannot start or "
         "stops (the message gives the system's reason) the command stops.",
         "Otherwise nothing would be rebuilt any more while the command looked alive.",
         "Start the command again; if the system refuses to watch more files, raise its limit "
         "(fs.inotify.max_user_watches on Linux)."),
    Code("PG019", E, "unknown-code",
         "packgen rules was asked about a code or name that does not exist",
         "packgen rules CODE accepts a code (PG108) or a name (slide-too-full) from the "
         "catalogue; anything else is one line naming the closest code or name.",
         "A misspelt code would otherwise explain nothing, or the wrong thing.",
         "Use the code or name suggested, or run packgen rules to list them all."),
    Code("PG020", E, "outside-project",
         "a file packgen would read leads outside the project",
         "Every file read stays inside the project or packgen's own defaults: a module, "
         "template, style sheet, font or picture whose real path (links followed) leads outside "
         "is refused unread, as is a theme font family written as a path or a picture a "
         "template names outside the project. The print engine reads only templates/, content/ "
         "and the pictures it is given.",
         "A project checked out from somewhere else must not make packgen read your other files "
         "into its outputs.",
         "Copy the file into the project and name it there."),
    Code("PG021", E, "remote-address",
         "a template or SVG picture names a remote address that would be fetched",
         "Nothing is fetched from the network: a style sheet's url(http...), url(//...) or "
         "@import of an address, an HTML template's <link href> or src= to an address, a Typst "
         "template's image(\"http...\") or read(\"http...\"), an SVG picture that refers to "
         "another file or an address. Links in content stay links.",
         "Builds must work offline, give the same bytes every time, and never tell a server "
         "who built what.",
         "Download the file and put it in templates/ (or content/images/), then name it there."),
    Code("PG022", W, "external-link-dropped",
         "an external link in a deck template or reference.docx is dropped",
         "Office templates are read for external relationships: a file: or UNC path, a linked "
         "(not embedded) picture, an attached Word template, a linked OLE object, a hyperlink to "
         "anything but http, https or mailto. Each is dropped from the outputs, with the "
         "reference to it; packgen template check shows the same warnings.",
         "A UNC link makes Windows send the reader's credentials when the file is opened; a "
         "linked picture is missing on every other computer.",
         "Embed the picture, or remove the link in PowerPoint or Word.", "templates/deck.pptx"),
    Code("PG024", E, "over-limit",
         "an input larger than one of packgen's limits",
         "Inputs are measured before they are read or decoded: a module, YAML or TOML file over "
         "1 MB, a template or SVG over 5 MB, a font or Office template over 100 MB, YAML or "
         "Markdown nested more than 50 levels, a pack variable over 10,000 characters, a module "
         "over 2,000,000 characters once filled in, a picture over 20 MB or 40 megapixels. The "
         "message gives the limit.",
         "A huge or deeply nested file would otherwise exhaust memory or time; docs/security.md "
         "says why each limit is where it is.",
         "Split the file, shrink or compress the picture, or simplify the nesting."),
    # --- content -------------------------------------------------------------------------
    Code("PG025", E, "unknown-key",
         "a key nothing reads, in a YAML file or packgen.toml",
         "Every key of a pack, audiences.yaml, model.yaml, glossary.yaml, CREDITS.yaml and "
         "theme.yaml (every section: a font role other than heading and body, a layout for a "
         "slide kind that does not exist, a new colour name one letter off a packaged one) and "
         "every table and key of packgen.toml is known; an unknown one is an error at its line "
         "naming the closest known one. Module front matter is the exception: PG115.",
         "A typo (venu:, [silense], slide_line) would otherwise be ignored and the setting "
         "silently not applied.",
         "Correct the key to the one the message suggests, or remove it."),
    Code("PG026", E, "setting-wrong-type",
         "a packgen.toml setting of the wrong type or out of range",
         "Rule thresholds in [rules] are numbers above 0 (whole numbers where they count "
         "lines, words or syllables); [easy-read] allow is a list of words; [silence] entries "
         "are lists of files, folders or pack ids.",
         "A threshold of the wrong type would be dropped and the default used without a word.",
         "Write the value the message asks for, at the line it gives."),
    Code("PG027", E, "unreadable-folder",
         "a folder under content/ or templates/ that cannot be read",
         "Before anything is loaded, every folder under content/ and templates/ is listed: a "
         "link to itself, a loop of links, a link back to a folder that holds it, or a folder "
         "without permission to read is one line naming it.",
         "Such a folder would look empty: every module it holds would be reported unknown, or "
         "the packaged templates used instead of the project's.",
         "Replace the link with the real folder, or give the folder read permission."),
    Code("PG028", E, "silence-not-a-code",
         "a [silence] key in packgen.toml that is not a rule code",
         "Each key of [silence] is a code such as PG108.",
         "A misspelt code would silence nothing, and the warnings would seem to be ignored.",
         "Write the code as packgen prints it (packgen rules lists them)."),
    Code("PG030", E, "new-folder-not-empty",
         "packgen new was given a folder that holds something",
         "packgen new writes only into a folder that does not exist yet or is empty; a file "
         "of that name counts as not empty.",
         "Writing beside files already there could mix a new project into something else, or "
         "replace a file of yours with a starter one.",
         "Choose a new folder name, or empty the folder first."),
    Code("PG031", E, "new-folder-no-pack-id",
         "packgen new cannot make a pack id from the folder's name",
         "The new project's pack is named after its folder: accents are folded, other runs of "
         "characters become '-', and the rest is lower case (My Workshop gives my-workshop). "
         "A name with no ASCII letter or digit left gives no id.",
         "A pack id names output folders, files and links on every system, so it is ASCII.",
         "Name the folder with letters or digits, such as my-workshop."),
    Code("PG032", E, "template-exists",
         "packgen template export would overwrite a file",
         "Each template to export is checked first; when any already exists in the target "
         "folder, each is one error and nothing at all is written.",
         "The file there may be a designer's edited copy: overwriting it would lose their "
         "work.",
         "Move the file away (or delete it to go back to packgen's), or export into another "
         "folder with --to."),
    Code("PG033", E, "unknown-template",
         "packgen template export was given a name it has no template for",
         "The names are those of the packaged templates: deck.pptx, theme.yaml, guide.typ, "
         "handout.typ, guide.html, guide.css, handout.html, handout.css and reference.docx. "
         "The packaged fonts are not exported: they are always available.",
         "A misspelt name would otherwise export nothing and seem to work.",
         "Use the name the error suggests, or give no name to export every template."),
    Code("PG034", E, "scaffold-write-failed",
         "packgen new or packgen template export could not write its files",
         "The files are written in a hidden folder or file beside their place and moved in "
         "at the end; when the disk is full or the folder cannot be written, what was staged "
         "is removed.",
         "A half-written project or a half-copied template would build wrongly later, far "
         "from the cause.",
         "Free some space, or choose a folder you may write to."),
    Code("PG035", E, "gallery-not-a-deck",
         "packgen gallery --out names a file that is not a .pptx deck",
         "The gallery's --out names the deck; its guide and handout pages go beside it with "
         "the same stem (look.pptx, look-guide.pdf, look-handout.pdf).",
         "The deck is a PowerPoint file: under another name it would not open, and the pages "
         "beside it could overwrite files the name was meant for.",
         "Give --out a file name ending .pptx, or leave it out for build/gallery.pptx."),
    Code("PG036", E, "unknown-language",
         "a pack names a language packgen cannot write",
         "A pack's language (language: cy, or languages: [cy, en]) is Welsh (cy, cy-GB) or "
         "English (en, en-GB, or another English tag such as en-US); a bilingual pack lists "
         "two different languages.",
         "packgen writes its own words (agenda, dates, headings) only in Welsh and English; "
         "any other tag would mark English text as another language.",
         "Write language: cy or language: en, or languages: [cy, en]; the message suggests "
         "the closest."),
    Code("PG037", E, "language-and-languages",
         "a pack sets both language and languages",
         "A pack is in one language (language: cy) or bilingual (languages: [cy, en]), "
         "never both.",
         "packgen could not tell whether to build one version or two.",
         "Keep language for a pack in one language, or languages for a bilingual one."),
    Code("PG038", E, "per-language-value",
         "a value given per language that a pack cannot use",
         "In a bilingual pack, a text field written as a mapping ({cy: ..., en: ...}) gives "
         "every language of the pack; a pack in one language writes plain values.",
         "A version would show the other language's text, or none.",
         "Give the missing language, or write one plain value (the same in both, as for a "
         "name or a phone number)."),
    Code("PG039", E, "no-welsh-text",
         "a pack that needs Welsh uses a module with no Welsh text",
         "Each module a Welsh or bilingual pack lists has its Welsh text beside it: "
         "NAME.cy.md beside NAME.md, with the same slides, notes, easy-read rows and "
         "activities. The finding is at the pack's line listing the module.",
         "The Welsh version would show English slides: Welsh would be treated less "
         "favourably than English.",
         "Add content/modules/NAME.cy.md (a translator's work: packgen never translates), "
         "or leave the module out of the pack."),
    Code("PG040", W, "translation-without-module",
         "a Welsh module text with no English module beside it",
         "NAME.cy.md is the Welsh text of the module in NAME.md (or NAME.qmd); one without "
         "it is ignored.",
         "A misspelt file name would leave the module without its Welsh text.",
         "Rename the file after its English module, or add the English module."),
    Code("PG041", W, "translation-key-ignored",
         "a key in a Welsh module text's front matter that comes from the English file",
         "A NAME.cy.md front matter holds only title, translated_by, and summary or "
         "objectives in Welsh; timings, audiences, ids and pictures come from NAME.md.",
         "Two files giving the duration would disagree sooner or later.",
         "Remove the key from NAME.cy.md; change it in NAME.md."),
    Code("PG042", E, "unknown-glossary-term",
         "a Welsh glossary entry translates no English entry",
         "Each entry of content/glossary.cy.yaml names, in en:, the term of an entry of "
         "content/glossary.yaml; the picture comes from that entry.",
         "The Welsh word would have no picture and no English counterpart.",
         "Correct en: (the message suggests the closest English term), or add the English "
         "entry."),
    Code("PG043", E, "unknown-space-translation",
         "a space in model.cy.yaml that model.yaml does not define",
         "Each space of content/model.cy.yaml has the id of a space of content/model.yaml; "
         "its colour and picture come from there.",
         "The Welsh names would belong to no space of the diagram.",
         "Use an id model.yaml gives (the message suggests the closest)."),
    Code("PG101", W, "slide-without-title",
         "a slide without a title",
         "Every slide has a title. A slide started with --- has none on screen.",
         "Screen readers and the outline hear only \"Module title, slide N\" for it.",
         "Start the slide with '## Title' instead of ---."),
    Code("PG102", W, "duplicate-slide-title",
         "two slides in one deck with the same title",
         "Slide titles are compared in one deck, ignoring case and spaces.",
         "A listener using the outline or a screen reader cannot tell the slides apart.",
         "Make each title unique, for example with \"(1 of 2)\" and \"(2 of 2)\"."),
    Code("PG103", W, "empty-slide",
         "a slide with nothing on it",
         "A slide with nothing on it is reported: one with neither title nor content (a stray "
         "---), and one whose content was all for another audience. A slide with only a "
         "title, as written, is fine; so is a section slide.",
         "An empty slide in front of a room looks like a mistake.",
         "Remove the stray ---, or give the slide's heading the audience attribute too."),
    Code("PG104", W, "module-for-other-audience",
         "a pack uses a module not meant for its audience",
         "When a module's front matter lists audiences:, every pack using it is for one of them.",
         "Material written for staff can be wrong, or upsetting, in front of self-advocates.",
         "Pick a module for the pack's audience, or add the audience to the module's audiences:.",
         "content/packs/staff-intro.yaml"),
    Code("PG105", W, "missing-alt-text",
         "a picture without alt text",
         "Every picture has alt text or is marked {.decorative}: pictures in modules as the "
         "Markdown is read, pictures named in YAML files (cover, logo, spaces, glossary) by the "
         "rules. The print writer refuses a picture without alt text as an error.",
         "People who cannot see the picture get nothing from it without a description.",
         "Describe the picture in ![...] (or alt: in YAML), or mark it {.decorative}."),
    Code("PG106", W, "file-name-alt-text",
         "alt text that is a file name or a placeholder word",
         "Alt text must not be a file name (photo.png, IMG_1234, the picture's own name) or a "
         "placeholder word (image, picture).",
         "A screen reader reading \"IMG_1234\" tells the listener nothing.",
         "Write what the picture shows, in a few words."),
    Code("PG107", W, "table-without-header",
         "a table without a header row naming every column",
         "Every table has a header row with every column named.",
         "Screen readers announce each cell with its column's name; without one the table is a "
         "stream of words.",
         "Give each column a heading in the table's first row."),
    Code("PG108", W, "slide-too-full",
         "too much text on one slide",
         "A slide holds at most about 6 lines or 40 words (the [rules] slide_lines and "
         "slide_words settings); columns count side by side, an activity slide counts its short "
         "instructions. The message says how much there is.",
         "A full slide is read instead of listened to, and small text cannot be read at the back.",
         "Split the slide, or move the detail into '::: notes'."),
    Code("PG110", E, "undefined-variable",
         "a {{ variable }} the pack does not define",
         "Every {{ name }} in content names a pack field, a pack variable or a built-in variable.",
         "An unfilled variable would print as nothing, or as braces, in front of a room.",
         "Define the variable under the pack's variables:, or correct its spelling."),
    Code("PG111", E, "unknown-module",
         "a pack lists a module that does not exist",
         "Each module a pack lists is the id of a module in content/modules/; the message lists "
         "the known modules.",
         "A missing module would leave a hole in the session.",
         "Correct the module id, or add the module."),
    Code("PG112", E, "unknown-audience",
         "an audience id that content/audiences.yaml does not list",
         "Audience ids in packs, modules and {audience=\"...\"} attributes are checked against "
         "content/audiences.yaml.",
         "Content for a misspelt audience would be shown to no one.",
         "Use an id audiences.yaml lists, or add the audience there."),
    Code("PG113", E, "missing-picture",
         "a picture or file that does not exist",
         "Every picture (in modules and YAML files) and every file a YAML file names must exist, "
         "looked for beside the file that names it, then in content/.",
         "A missing picture would leave a gap or a broken image in every output.",
         "Correct the file name, or add the file."),
    Code("PG114", E, "picture-outside-project",
         "a picture outside the project, or named as no file can be",
         "A picture named by an absolute path, a '..' that leaves the project or a remote "
         "address is refused; so is a name no file can have (a NUL or other control character, "
         "a part over 255 bytes, over 1,024 characters in all).",
         "Outputs must be built from the project alone, the same on every computer.",
         "Copy the picture into content/images/ and name it there."),
    Code("PG115", W, "unknown-front-matter-key",
         "an unknown key in a module's front matter is ignored",
         "Front-matter keys are checked against the keys packgen reads; the message names the "
         "closest. Keys Pandoc documents carry (author, date, lang) are reported the same way.",
         "A typo (duraton:) would otherwise be lost silently.",
         "Correct the key, or remove it."),
    Code("PG116", W, "control-character",
         "an invisible control character is dropped",
         "Control characters (pasted from another program) in a module are removed.",
         "They cannot be shown or saved in the outputs.",
         "Delete the character at the line given, or retype the line."),
    Code("PG117", W, "unknown-div-class",
         "an unknown div class is kept as plain content",
         "A fenced div's class (::: {.sidebar}) is checked against the classes packgen knows.",
         "A misspelt class (.activty) would silently lose what the div was for.",
         "Correct the class, or remove the div."),
    Code("PG118", W, "heading-in-div",
         "a # or ## heading inside a div does not start a slide",
         "Headings inside a div are shown as bold text, not as slide or section breaks.",
         "A slide you expected would not be there.",
         "Move the heading out of the div; to make a whole slide conditional, put "
         "{audience=\"...\"} on its heading."),
    Code("PG119", E, "unsafe-link",
         "a link to anything but an http, https or mailto address",
         "Links are written into the outputs only to http, https or mailto addresses, or a "
         "#anchor in the page. Any other scheme (javascript:, file:, data:, ms-msdt:, tel:), a "
         "UNC path or a relative path stops the pack at the link's line, in every output.",
         "Such links can run code, leak credentials or point at nothing once the file is shared.",
         "Link to a web address, or put the file in the pack's materials."),
    Code("PG120", E, "clock-time",
         "a clock time not written \"HH:MM\", or out of range",
         "A pack's start and a break's at are read from what the file says, not from what YAML "
         "makes of it: \"13:30\" (quoted, 24-hour clock) is the form; a number such as 1330, "
         "600 or 13.30, or an hour over 23 or minutes over 59, is an error that shows the fix.",
         "YAML reads start: 1330 as the number 1330, which would plan the session at 22:10.",
         "Write the time quoted as the message shows, for example start: \"13:30\"."),
    Code("PG121", I, "unquoted-clock-time",
         "an unquoted clock time, read as written",
         "start: 10:00 without quotes is read as 10:00 (YAML alone would read the number 600), "
         "with this line saying so.",
         "Quoted times mean the same to every YAML reader and editor.",
         "Quote the time: start: \"10:00\".", "content/packs/staff-intro.yaml"),
    Code("PG122", E, "attribute-value",
         "an attribute value packgen cannot use",
         "The width of a picture or column is a percentage up to 100 or a length in cm, mm, "
         "in, pt or px (40%, 8cm); an activity's minutes and group_size are whole numbers above "
         "0; height on a picture is not read, and says so.",
         "A value no writer understands ({width=abc}) would otherwise be dropped, and each "
         "output would size the picture its own way.",
         "Write a value of the form the message gives, or remove the attribute."),
    Code("PG123", E, "invalid-id",
         "a module or pack id that is not ASCII letters, digits, - and _",
         "Module and pack ids start with a letter or digit and hold only ASCII letters, digits, "
         "hyphens and underscores, checked by one rule for both: a module file name breaking it "
         "needs an id: in its front matter, an id: breaking it is an error, and a pack file name "
         "breaking it must be renamed (a pack's id is its file name).",
         "Ids become folder, file and link names on every system; spaces, dots and accents "
         "break some of them.",
         "Use the id the message suggests (my-welcome for 'my welcome')."),
    Code("PG124", E, "duplicate-module-id",
         "two modules with the same id",
         "A module's id (its id: field, else its file name) is unique in content/modules/; both "
         "files are named.",
         "A pack naming the id could mean either module; only the packs using it fail.",
         "Give one of the modules another id: in its front matter."),
    Code("PG125", E, "malformed-module",
         "a module file that is not shaped as a module",
         "A module is front matter (between --- lines, key: value pairs with title and "
         "duration) followed by slides: an empty file, a file without front matter or with "
         "front matter never closed, front matter that is not key: value lines, and a module "
         "with no slides are refused.",
         "Without its front matter and slides there is nothing to place in a session.",
         "Start the file with ---, title:, duration:, --- and add a ## heading or some text."),
    Code("PG127", E, "invalid-block",
         "a Markdown block that is misplaced or malformed",
         "The structure of a module is checked as it is read: divs that belong inside another "
         "(::: column outside :::: columns, ::: notes in the wrong place), what an activity, "
         "tip, spaces or easy-read block may hold and its attributes, a fenced div never "
         "closed, a line of colons that closes nothing, a list item holding more than text and "
         "lists, a picture not in a paragraph of its own, attributes in braces that cannot be "
         "read ({.class key=value}).",
         "Content in the wrong place would otherwise be dropped or shown in the wrong document.",
         "Follow the message: move the block, close the div, or correct the attributes."),
    Code("PG128", E, "unsupported-markdown",
         "a Markdown element packgen does not convert",
         "Every Markdown element is converted for every output; an element without a converter "
         "(inline markup packgen does not support) stops the pack at its "
         "line.",
         "Dropping it silently would lose content from the outputs.",
         "Write the content with the Markdown packgen supports (docs/content.md)."),
    Code("PG129", E, "content-template-syntax",
         "template syntax in content that is not a plain {{ variable }}",
         "Text in modules and packs may hold {{ name }} and {{ dotted.name }} only: a "
         "{% statement %}, an expression ({{ a + b }}, filters, calls), unbalanced braces and an "
         "expression nested too deeply are refused at their line.",
         "Content is not a program: only named values are filled in, so a module cannot run "
         "code or reach packgen's internals.",
         "Write a plain {{ variable }}, or escape literal braces."),
    Code("PG130", E, "picture-type-unsupported",
         "a picture type that an output format cannot hold",
         "Each writer accepts the picture types its format can show: the deck PNG, JPEG, GIF, "
         "BMP, TIFF, SVG or WebP (as PNG); the Word handout PNG, JPEG, GIF, BMP, TIFF, SVG or "
         "WebP (as PNG); HTML pages PNG, JPEG, GIF, SVG, WebP, BMP or TIFF; print PNG, JPEG, "
         "GIF, SVG or WebP.",
         "The picture would be missing, or the file would not open.",
         "Convert the picture to PNG or JPEG."),
    Code("PG131", E, "unknown-space",
         "a spaces diagram highlights a space the project does not define",
         "Each space a diagram is asked to highlight is one of the spaces in the project's "
         "spaces file; the message lists them.",
         "The diagram would highlight nothing where the slide says it does.",
         "Use a space id the message lists, or add the space."),
    Code("PG132", W, "activity-task-too-long",
         "an activity slide that cannot show its task",
         "An activity slide shows the task people do: the activity's intro (the text before "
         "its materials and steps), or without one its steps, numbered, when they run to at "
         "most 40 words. An activity with neither is reported.",
         "The room reads the slide while the facilitator talks; without the task on it, "
         "people have to remember what to do.",
         "Write a short version of the task (two to four numbered steps, or the questions "
         "people answer) as the activity's first lines; the full steps stay in the guide."),
    Code("PG133", W, "welsh-block-missing",
         "a slide, notes block, easy-read row or activity without its Welsh counterpart",
         "NAME.cy.md mirrors NAME.md block for block: the same slides in the same order, "
         "the same notes, easy-read rows (with the same pictures) and activities. Checked for "
         "the modules of a pack that needs Welsh; the finding is at what lacks Welsh in "
         "NAME.md, and says where in NAME.cy.md it belongs (or at a Welsh block with no "
         "English one).",
         "The Welsh version would miss what the English one says, or the two would not "
         "match slide for slide (W1).",
         "Add the Welsh text where the message says, or remove the extra block."),
    Code("PG134", W, "welsh-word-missing",
         "a glossary word a Welsh pack uses with no Welsh entry",
         "Each entry of content/glossary.yaml that the English text of a Welsh pack's modules "
         "uses has an entry in content/glossary.cy.yaml (en: naming it).",
         "The Welsh easy read would leave a hard word unexplained, and its Hard words list "
         "shorter than the English one.",
         "Add the Welsh entry: en: the English term, term, explanation."),
    Code("PG135", W, "welsh-space-missing",
         "a space of the model with no Welsh name while a pack needs Welsh",
         "Each space of content/model.yaml has its Welsh name, holder and description in "
         "content/model.cy.yaml when a pack is built in Welsh.",
         "The Welsh spaces diagram would show English names.",
         "Add the space to content/model.cy.yaml with its id."),
    Code("PG136", I, "english-only-rules-skipped",
         "the English-only easy-read rules were not run on a Welsh pack",
         "Word frequency, syllables, readability scores, contractions and abbreviations are "
         "measured with English word lists; for a Welsh text they are skipped and one line "
         "per pack says so. Sentence length, words per row, pictures, layout and sizes are "
         "checked with the same limits as English.",
         "A rule skipped without a word looks like a rule passed.",
         "Ask a Welsh speaker who knows easy read (Cymraeg Clir) to check the words."),
    Code("PG137", I, "welsh-not-checked",
         "a Welsh output whose text nobody has recorded checking",
         "A pack built in Welsh records in checked_by_cy who checked the Welsh text; "
         "without it this line is given and the end page says the Welsh awaits a check.",
         "Welsh text is human work (W6): a translation nobody checked should say so.",
         "Have a Welsh speaker check it and write checked_by_cy: their name in the pack."),
    Code("PG138", W, "versions-differ",
         "a bilingual pack's Welsh and English decks do not match",
         "The two decks of one bilingual pack have slide counts within 10 % of each other "
         "and the same pictures in the same order (W1).",
         "Welsh readers would get a different, lesser version.",
         "Bring NAME.cy.md in line with NAME.md (PG133 names the blocks)."),
    Code("PG139", I, "translator-not-recorded",
         "a Welsh module text that does not say who translated it",
         "A NAME.cy.md front matter records translated_by: the translator's name (W6).",
         "Translation is human work; the record says whom to ask.",
         "Add translated_by: NAME to its front matter."),
    Code("PG145", I, "raw-html-dropped",
         "raw HTML in a module, dropped from every output",
         "HTML tags written in Markdown (<div>, <br>, <span style=...>, <img>, <iframe>, "
         "<script>) are dropped from the deck, the guide and the handout; the text between "
         "tags stays, as Pandoc's slide writer keeps it. HTML comments (<!-- ... -->) are "
         "dropped without a word. One line per module names the tags and the first place.",
         "Raw HTML would reach only the HTML pages, and a hostile file could run script in "
         "them; the deck and Word files cannot show it at all.",
         "Write the content as Markdown: **bold**, ![alt](picture.png), a link, a ::: div."),
    Code("PG146", I, "raw-latex-dropped",
         "raw LaTeX in a module, dropped from every output",
         "LaTeX commands (\\newpage, \\vspace{1em}, \\textbf{x}) with their arguments and "
         "environments (\\begin{center} ... \\end{center}) are read as Pandoc's raw_tex "
         "extension reads them and dropped, arguments included, as Pandoc's slide writer "
         "drops them. TeX math between $ signs is not raw LaTeX. One line per module.",
         "No output is made by LaTeX; the commands would show as code on the slides.",
         "Write the content as Markdown: **bold** for \\textbf{x}, a ## heading for a new "
         "slide."),
    Code("PG147", I, "raw-format-dropped",
         "a {=format} raw block or span, dropped from every output",
         "Raw blocks (```{=html}, ```{=latex}, ```{=openxml}) and raw spans (`x`{=html}) "
         "are dropped whatever their format: unlike Pandoc, which passes {=openxml} blocks "
         "into its slides, packgen never copies raw output into a document. One line per "
         "module.",
         "Raw OpenXML or HTML from a content file could inject anything into a deck or page.",
         "Write the content as Markdown, or in the deck template for layout."),
    Code("PG148", W, "quarto-shortcode",
         "a Quarto {{< shortcode >}}, kept as text",
         "Quarto shortcodes ({{< video url >}}, {{< pagebreak >}}, {{< include x.qmd >}}, "
         "{{< meta title >}}) are not run: each is kept as its text, with one line each. "
         "{{< include >}} never reads a file. An escaped shortcode ({{</* x */>}}) shows as "
         "{{< x >}}, as in Quarto, without a line.",
         "The slide would show the shortcode instead of what Quarto puts in its place.",
         "Replace it with what it stands for: a link to the video, a ## heading for a new "
         "slide, the included text, the value (or a {{ variable }})."),
    Code("PG149", W, "misspelt-attribute",
         "an attribute key close to one packgen reads",
         "Keys packgen does not read are ignored on pictures and headings, as Pandoc's slide "
         "writer ignores them ({fig.alt=...}, {style=...}, {fig-align=center}), except one "
         "that looks like a misspelling of a key packgen reads (widht for width, audiences "
         "for audience), which is reported with the key it likely means.",
         "A silent misspelling loses the setting: the picture keeps its full width.",
         "Spell the key as the message suggests."),
    Code("PG150", E, "svg-not-drawable",
         "an SVG picture that cannot be drawn",
         "The deck and the Word guide store an SVG picture with a PNG drawn from it, for the "
         "programs that show no SVG; the SVG must be UTF-8 XML the drawing engine can read.",
         "The picture would be missing from the slide, or the file would not open.",
         "Open the SVG in a browser or a drawing program and save it again as plain SVG."),
    Code("PG155", E, "table-cell-span",
         "a grid table cell that spans rows or columns",
         "A grid table (+---+ borders) whose cell runs across a column border or a row "
         "separator is refused at the line where the span is.",
         "Every output draws one cell per row and column; merged cells are hard to follow with "
         "a screen reader (and PowerPoint's accessibility checker flags them).",
         "Split the cell into whole cells, repeating or shortening the text."),
    Code("PG156", I, "moved-out-of-list",
         "a table or picture in a list item, shown after the list",
         "A table or picture indented under a list item is moved to just after the list, on the "
         "same slide (in the guide too), and said once at its line.",
         "A slide's text frame cannot hold a table or picture between bullets; Pandoc's "
         "PowerPoint writer leaves them out, packgen keeps them.",
         "Nothing to do; to silence it, move the table or picture after the list yourself.",
         "content/modules"),
    Code("PG160", W, "bad-math",
         "TeX math packgen cannot draw as an equation",
         "Each `$...$` and `$$...$$` formula is read as TeX: braces must balance, every command "
         "must be one the TeX-to-MathML converter knows (\\frac, \\sqrt, \\sum, Greek "
         "letters ...). A formula that fails is kept visible as code text.",
         "An equation drawn wrongly, or a gap where it should be, misleads the reader; the "
         "TeX as code at least shows what was meant.",
         "Fix the TeX at that line (close the brace, spell the command), or escape the "
         "dollars (\\$) when the text is not math."),
    Code("PG165", W, "remote-picture",
         "a picture at a web address is left out; its alt text is shown instead",
         "A picture named by an address (![chart](https://example.org/chart.png)) is never "
         "fetched: every output shows its alt text where it stands, as Pandoc does when it "
         "cannot fetch a picture, and the rest of the pack is built.",
         "Outputs are built from the project alone, the same on every computer and offline; "
         "the picture the slide was written around is missing.",
         "Download the picture into content/images/ and name it there."),
    Code("PG166", I, "picture-height",
         "a picture's height is not read as written",
         "A picture's height alone sizes it by its height, its proportions kept. Given with a "
         "width, or as a percentage, or on an SVG picture, the height is not read (Pandoc's "
         "Word writer would stretch the picture to both): this line says so.",
         "A stretched picture distorts what it shows; the width keeps its proportions.",
         "Give the width alone, or the height alone."),
    Code("PG167", W, "loose-column",
         "a column div that Pandoc would not set side by side",
         "'::: column' belongs straight inside ':::: columns'. A column outside one is shown "
         "as its content; a columns div that starts with text is shown as its content one "
         "block after another; text after its columns is left out, as Pandoc's PowerPoint "
         "writer does.",
         "The slide does not show the columns the author wrote.",
         "Put each '::: column' inside ':::: columns' with nothing between them, and move "
         "other text before or after the columns div."),
    Code("PG168", I, "column-text-kept",
         "text after the picture or table that starts a column, which Pandoc leaves out",
         "On a slide of two columns where neither has text before a picture or table, "
         "Pandoc's PowerPoint writer shows only the picture (no figure) or table that starts a "
         "column and leaves out what follows it (a source line, a caption written as text); "
         "packgen shows that text below the picture and says so once at its line.",
         "Dropping the author's words silently would hide them from every viewer of the deck.",
         "Nothing to do; to silence it, write the text as the picture's alt text (a figure) "
         "or put it before the picture.",
         "content/modules"),
    Code("PG169", I, "columns-kept",
         "columns after the second, which Pandoc leaves out",
         "Pandoc's PowerPoint writer sets the first two '::: column' divs of ':::: columns' "
         "side by side and leaves out any after them; packgen shows every column and says so "
         "once at the first column Pandoc leaves out that has content.",
         "A third column (often after an empty spacer column) holds the author's content; "
         "leaving it out would hide it.",
         "Nothing to do; to silence it, keep to two columns (drop an empty spacer column).",
         "content/modules"),
    Code("PG173", W, "heading-as-text",
         "a heading line written straight under a line of text",
         "A '#' heading needs a blank line before it, as in Pandoc's Markdown: a line such as "
         "'## Next' written straight under a line of a paragraph (in a list item or a quote "
         "too) is more text of that paragraph, shown with its '##', and starts no slide.",
         "The slide the author meant is missing, and the '##' shows on the slide before.",
         "Put a blank line before the heading (or escape it, '\\## ', to keep it as text)."),
    Code("PG175", I, "table-in-div",
         "a table inside a div, shown where Pandoc leaves it out",
         "A table inside a div (a callout, a styled block) stays on its slide with the text "
         "around it, as Pandoc plans the slide; Pandoc's PowerPoint writer then leaves the "
         "table out, packgen shows it, and this line says so.",
         "A deck built with Pandoc has no table there; packgen never drops a table an author "
         "wrote.",
         "Nothing to do; to silence it, take the table out of the div."),
    Code("PG177", W, "knitr-inline-code",
         "knitr inline code, which packgen does not run",
         "Inline code knitr or Quarto would run and replace by its value (`r mean(x)`, "
         "`{r} x`, `{python} x`) is shown as the code itself, as Pandoc shows it when no knitr "
         "runs first; a link whose address is such code ([`r url`](`r url`)) shows its text "
         "without a link. One line a module, at the first place.",
         "packgen builds from the project alone and runs no R or Python: the slide shows "
         "the code where the author expected a number or an address.",
         "Write the value in its place (the number, the address)."),
    Code("PG178", I, "picture-in-div",
         "pictures inside a div, shown where Pandoc shows only their alt text",
         "A picture inside a div packgen has no class for (a Quarto layout grid "
         "::: {layout-ncol=2}, a callout, a plain ::: div), linked or not, is shown as the "
         "picture, with its caption under a figure. Pandoc's PowerPoint writer writes only "
         "the ![...] text in its place (twice for a figure, nothing for ![]). One line a "
         "module, at the first picture.",
         "A picture the author put on the slide is kept, described to screen readers by its "
         "alt text; the slide differs from Pandoc's on purpose.",
         "Nothing to do; to match Pandoc's slide, move the picture out of the div or write "
         "its text instead.",
         "content/modules"),
    Code("PG186", W, "template-words-not-translated",
         "a project template writes its words itself in a pack that is not in English",
         "A project's own guide.html, handout.html, guide.typ or handout.typ that writes no "
         "word through packgen's catalogue (_(\"...\") in HTML templates, say(\"...\") in "
         "Typst ones) shows its words as written in every language; for a pack in another "
         "language than English, this line names the template.",
         "A Welsh guide with English headings treats Welsh less favourably than English.",
         "Copy the packaged template again (it writes its words through the catalogue) and "
         "make your changes to that copy, or write the template's words in the pack's "
         "language.",
         "templates/guide.html"),
    Code("PG190", W, "renamed-font",
         "a theme names Atkinson Hyperlegible, which packgen now ships as its successor",
         "packgen ships Atkinson Hyperlegible Next, the successor of Atkinson Hyperlegible by "
         "the same Braille Institute, which has the Welsh letters ŵ and ŷ. A theme.yaml that "
         "names the former family (a copy of packgen's older theme) gets Atkinson Hyperlegible "
         "Next in every output, and this line at the name; a project whose templates/fonts "
         "holds files of the former family keeps it, without a warning.",
         "The former family has no ŵ or ŷ: Welsh words such as pŵer printed with the circumflex "
         "on the wrong letter. Both languages use the same font (W1), so every pack changes.",
         "Write 'Atkinson Hyperlegible Next' in templates/theme.yaml (or delete the line to "
         "take packgen's default); to keep the former family, put its files in "
         "templates/fonts.", "templates/theme.yaml"),
    # --- easy read -----------------------------------------------------------------------
    Code("PG201", W, "long-sentence",
         "an easy-read sentence longer than 15 words",
         "Each sentence of an easy-read block has at most 15 words ([rules] sentence_words).",
         "Short sentences are what makes easy read easy to read.",
         "Split the sentence in two."),
    Code("PG202", W, "row-without-picture",
         "an easy-read row without a picture",
         "Every easy-read row starts with a picture, shown on its left.",
         "Readers of easy read lean on the pictures to follow the text.",
         "Add a picture at the start of the row."),
    Code("PG203", W, "unexplained-acronym",
         "an acronym or abbreviation that the glossary does not explain",
         "Acronyms and abbreviations in easy read must have a glossary entry.",
         "An unexplained acronym shuts the reader out.",
         "Write the words in full, or add the term to the glossary."),
    Code("PG204", W, "contraction",
         "a contraction (don't, we'll) in easy read",
         "Easy read writes words in full.",
         "Contractions are harder to read for many people with a learning disability.",
         "Write the words in full: \"do not\", \"we will\"."),
    Code("PG205", W, "hard-word",
         "a hard word without a glossary entry",
         "Words rarer than [rules] zipf on the Zipf scale, or of [rules] syllables syllables or "
         "more, need a glossary entry or a place on [easy-read] allow.",
         "Hard words without help stop a reader.",
         "Use a simpler word, add it to the glossary, or allow it in packgen.toml."),
    Code("PG206", W, "number-in-words",
         "a number written as a word",
         "Easy read writes numbers as digits (\"3\", not \"three\").",
         "Digits are quicker to recognise.",
         "Write the number in digits."),
    Code("PG207", W, "numeric-date",
         "a date written only in numbers",
         "Dates in easy read are written in full (\"Tuesday 3 March 2026\"), not 3/3/26.",
         "Number-only dates are ambiguous and hard to read.",
         "Write the date in full."),
    Code("PG208", W, "24-hour-time",
         "a time on the 24-hour clock",
         "Times in easy read use the 12-hour clock (\"2:30pm\"), not \"14:30\".",
         "The 12-hour clock is the one most readers use day to day.",
         "Write the time with am or pm."),
    Code("PG209", I, "readability",
         "readability figures for a module's easy read",
         "Each module's easy read (in English) gets its Flesch-Kincaid grade and Reading Ease, "
         "glossary terms masked, with the figures to aim for ([rules] grade and ease). packgen "
         "check and packgen build --verbose show it.",
         "A rough guide to whether the text is as easy as it should be.",
         "Shorter sentences and shorter words improve both figures."),
    Code("PG210", W, "missing-easy-read",
         "a module without an easy-read block",
         "Every module has a '::: easy-read' block.",
         "The easy-read handout and deck would miss that module.",
         "Add an easy-read block to the module."),
    Code("PG211", W, "picture-for-two-ideas",
         "one picture stands for two different ideas",
         "A picture stands for the glossary word it illustrates in glossary.yaml, and for the "
         "glossary words an easy-read row writes in bold. The same picture file on two glossary "
         "words, or on a row whose bold glossary words do not include the word it illustrates "
         "elsewhere, is reported where it is used the second time. Rows with no bold glossary "
         "word are left alone.",
         "Readers of easy read learn what a picture means; if it means two things, it "
         "means nothing.",
         "Give each idea its own picture (or, if the two words are one idea, make one a 'forms' "
         "entry of the other in glossary.yaml).",
         where="content/glossary.yaml"),
    Code("PG212", W, "word-without-picture",
         "a glossary word the easy read uses has no picture",
         "Every glossary word that the pack's easy-read rows use has a 'picture' in "
         "glossary.yaml.",
         "The hard-word box and the hard-words list show each word beside its picture; a word "
         "without one is harder to recognise.",
         "Add 'picture: {src: images/NAME.png, alt: what it shows}' to the glossary entry.",
         where="content/glossary.yaml"),
    Code("PG213", W, "repeated-easy-read-title",
         "two slides of an easy-read deck have the same title",
         "An easy-read slide takes its row's '#### Short title'; an untitled row takes its "
         "first bold words or its first short sentence. The title of each easy-read slide is "
         "new in its deck.",
         "Screen readers list slides by title, and a repeated title hides which slide is which.",
         "Give the row its own title with a '#### Short title' line before its picture."),
    # --- timing --------------------------------------------------------------------------
    Code("PG301", W, "slot-overrun",
         "the modules and breaks run over the pack's slot",
         "The timetable adds up the modules and breaks and compares them with the pack's slot.",
         "A session that runs over loses its last module, or its audience.",
         "Shorten or drop a module, or make the slot longer."),
    Code("PG302", W, "break-moved",
         "a break at a fixed time falls inside a module and is moved",
         "A break at a clock time that falls inside a module is moved to the module's end (one "
         "set before the session starts moves to the start); the message says where it went.",
         "The agenda and guide show when the break really happens.",
         "Set the break's time between modules, or place it with after: instead."),
    Code("PG303", I, "slot-underused",
         "more than 15 % of the slot is left spare",
         "The timetable reports when the modules and breaks fill less than 85 % of the slot.",
         "A lot of spare time may mean a module is missing.",
         "Add a module, or shorten the slot."),
    Code("PG304", W, "past-midnight",
         "the session runs past midnight",
         "The pack's start plus its modules and breaks ends after 24:00.",
         "Almost always a wrong start time (start: 1330 read as minutes, or a typo).",
         "Check the pack's start and slot."),
    # --- deck template -------------------------------------------------------------------
    Code("PG400", E, "unreadable-template",
         "a deck template, reference.docx, HTML or style-sheet template that cannot be used",
         "The pack's deck template can be opened, with every colour it spells out written as "
         "RRGGBB; a guide or handout template (.html, .css) that fails is named at its file and "
         "line; a template name must name a file inside templates/; reference.docx must open "
         "as a Word document.",
         "A broken template would stop the build halfway, or give broken outputs.",
         "Save the template again from PowerPoint or Word, or fix the template at the line "
         "given."),
    Code("PG401", E, "missing-layout",
         "no layout of the deck template fits a slide kind the deck uses",
         "Each slide kind the deck uses gets a layout whose placeholders fit it: the one "
         "theme.yaml's layouts: names, else the kind's default name, else a common name for "
         "such a layout ('Title, Content', 'Picture with Caption' ...), else one whose "
         "placeholders suit it. A name that theme.yaml or a {layout=\"...\"} gives must exist; "
         "the message suggests the closest name among the layouts that fit.",
         "Without the layout the slide cannot be built.",
         "Add a layout with the placeholders the message names, or map the kind to one of your "
         "layouts under layouts: in templates/theme.yaml."),
    Code("PG402", E, "missing-placeholder",
         "a layout named for a slide kind lacks a placeholder the kind needs",
         "A layout that theme.yaml maps to a kind, a {layout=\"...\"} asks for, or that has "
         "the kind's default name, has the placeholders the kind needs: a title on every kind; "
         "a body for agenda, content, quote, activity and easy-read slides; two bodies for "
         "columns; a picture placeholder for easy-read slides.",
         "The text or picture would have nowhere to go.",
         "Add the placeholder to the layout in PowerPoint's slide master view, or map the kind "
         "to another layout."),
    Code("PG403", W, "small-text",
         "template text smaller than 24 pt body, 36 pt titles or 18 pt footers",
         "Sizes are read from the layouts and the master, for bullets and one nested level, "
         "also after shrink-to-fit (fontScale). The message names where the size is set.",
         "Small text cannot be read from the back of a room.",
         "Raise the size in the template, where the message says it is set."),
    Code("PG404", W, "low-contrast",
         "template text with too little contrast against what is behind it",
         "Contrast is computed by the WCAG 2.2 formula against the placeholder's fill, shapes "
         "under it, then the background (theme colours, tints, transparency resolved; the "
         "worst gradient stop counts): at least 4.5:1, 7:1 in easy-read decks ([rules] contrast "
         "and contrast_easy_read). Over a picture it cannot be computed: an info finding.",
         "Low-contrast text is unreadable for many people, and on many projectors for everyone.",
         "Darken the text or lighten what is behind it (or the other way round)."),
    Code("PG405", W, "template-language",
         "the template marks its text in another language than the pack's",
         "The template's text is marked in the pack's language (en-GB by default), not "
         "PowerPoint's en-US.",
         "Spelling checks and screen readers use the marked language.",
         "Set the language of the master's and layouts' text in PowerPoint, then save."),
    Code("PG406", W, "template-has-slides",
         "the deck template holds sample slides",
         "A deck template holds masters and layouts; designers' templates (and templates "
         "converted from LibreOffice Impress) often keep a few sample slides as well.",
         "packgen leaves the template's slides out of every deck it builds, so what you see in "
         "the template is not what the deck shows; one line says so.",
         "Delete the template's slides and save it again (keep the masters and layouts)."),
    Code("PG407", E, "template-not-found",
         "a template that is neither in templates/ nor among packgen's defaults",
         "A template named by a pack, a template file or the command line is looked for in the "
         "project's templates/, then among packgen's packaged defaults.",
         "Without it the outputs that use it cannot be built.",
         "Correct the name, or put the file in templates/."),
    Code("PG408", E, "print-template-error",
         "a print (Typst) template that fails",
         "A .typ template is compiled with the pack's data; the compiler's first error is "
         "reported at its template file and line. A Typst package import (\"@preview/...\") is "
         "refused before compiling.",
         "Without a working print template no PDF can be written.",
         "Fix the template at the line given; copy what a package provides into templates/."),
    Code("PG409", E, "reference-docx-styles",
         "reference.docx lacks styles the Word guide uses",
         "The Word reference document must define every style the guide writes with.",
         "Without them the guide could not be formatted.",
         "Start from a copy of packgen's own reference.docx and restyle that."),
    Code("PG410", I, "layout-fallback",
         "statement or break slides borrow another layout because the template lacks theirs",
         "Statement and break slides look for the layouts 'Statement' and 'Break' (or the "
         "names theme.yaml gives them). A template without them lends them 'Section Header', "
         "else 'Title Only'; one line per borrowed layout says so.",
         "The slides still build, but they look like section dividers rather than designed "
         "statement or break slides.",
         "Add a layout with that name to the template (a title and one body placeholder), or "
         "map the kind to one of your layouts in theme.yaml's layouts:."),
    Code("PG411", I, "layouts-matched",
         "slide kinds use layouts matched by name or placeholders, not their default names",
         "When a template lacks a kind's default layout name and exactly one of its layouts "
         "fits best (a common name such as 'Title, Content', else its placeholders), the deck "
         "uses it; one line per template counts the kinds. packgen template check lists each "
         "choice and prints a layouts: block to paste into templates/theme.yaml.",
         "A matched layout may not be the one the designer meant for that kind.",
         "Look at the choices in packgen template check; paste its layouts: block into "
         "templates/theme.yaml to pin them (or rename the layouts)."),
    Code("PG412", E, "ambiguous-layout",
         "two or more layouts fit a slide kind equally well",
         "A kind without its default layout name takes the best-fitting layout; when several "
         "different layouts tie (by common name or by placeholders) packgen does not guess.",
         "Guessing would give slides a layout the designer did not mean.",
         "Choose one under layouts: in templates/theme.yaml, as the message shows."),
    Code("PG416", W, "placeholders-overlap",
         "two placeholders of a layout lie on top of each other",
         "On each layout packgen uses (every layout, in template check) the title and each "
         "body, picture or content placeholder, and every two of those, are compared by their "
         "boxes (their own, else the master's of their type); an overlap of more than 0.25 cm "
         "each way is reported once, naming the layout and both placeholders.",
         "Text written into one placeholder would sit on the text or picture of the other.",
         "Move or resize the placeholders on that layout so they no longer overlap, or map "
         "the slide kind to another layout in theme.yaml's layouts:."),
    Code("PG417", W, "placeholder-off-slide",
         "a placeholder that lies partly off the slide",
         "Each placeholder's box is compared with the slide size (presentation.xml); more than "
         "0.25 cm outside it on any side is reported once per layout and placeholder.",
         "Text or pictures placed in it are cut off at the slide's edge.",
         "Move the placeholder inside the slide, or make it smaller."),
    Code("PG418", I, "placeholders-share-idx",
         "placeholders of a layout that share an idx",
         "Placeholders are matched to the layout by their idx number. Templates converted "
         "from LibreOffice Impress give every placeholder idx 0; one line says how many "
         "layouts do so.",
         "A slide placeholder without its own position takes the box of the first layout "
         "placeholder with its idx, so body text would sit on the title. packgen writes each "
         "placeholder's box on every slide it builds, so its decks are right; other tools "
         "using the template may not be.",
         "Nothing is needed for packgen. To fix the template, give each placeholder its own "
         "idx (re-insert it in PowerPoint's slide master view)."),
    # --- overflow ------------------------------------------------------------------------
    Code("PG501", W, "text-overflow",
         "text that does not fit its box on a built slide",
         "Each built deck is measured: line breaks are estimated from the shipped font's "
         "metrics at each paragraph's real size, inside the placeholder's box minus its insets, "
         "with line and paragraph spacing. The message says how many lines are needed, fit, and "
         "are too many. It is an estimate: PowerPoint may break a line a word earlier or later.",
         "Text running off a slide, or shrunk to fit, cannot be read.",
         "Shorten the text, split the slide, or move detail into the notes."),
    Code("PG502", W, "text-boxes-overlap",
         "text boxes that overlap on a built slide",
         "Each slide of a built deck is read back: every shape with text (title, body, table, "
         "text box) is compared with the others by its box (its own, else its layout's); an "
         "overlap of more than 0.25 cm each way is one finding per slide.",
         "Text printed over other text cannot be read.",
         "Check the layout the slide uses (packgen template check warns about overlapping "
         "placeholders, PG416) or map the slide kind to another layout."),
    Code("PG503", W, "text-off-slide",
         "a text box that falls off a built slide",
         "Each text shape of a built deck (title, body, table, text box) is compared with the "
         "slide size; more than 0.25 cm outside it is one finding per slide.",
         "Text outside the slide is cut off or never shown.",
         "Check the layout's placeholders (PG417), or shorten what the slide holds."),
)
"""Every code, in code order."""

CODES: dict[str, Code] = {c.code: c for c in CATALOGUE}
"""Code to its entry."""
_BY_NAME: dict[str, Code] = {c.name: c for c in CATALOGUE}
