// The rrm start-up shared by every notebook (loaded by setup.jsh, or by the tour's first cell): the imports a
// notebook needs and the display renderers. Keep imports here: JJava resets earlier variables when a later cell
// starts with a comment containing ';' followed by an import.
import java.nio.file.Path;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;
import rrm.channel.*;
import rrm.model.*;
import rrm.model.baseline.*;
import rrm.model.gnn.*;
import rrm.model.uwmmse.*;
import rrm.nn.Module;
import rrm.optim.*;
import rrm.report.*;
import rrm.solver.*;
import rrm.system.*;
import rrm.tensor.Tensor;
import rrm.utility.*;
import tech.tablesaw.api.*;
Display.install();
