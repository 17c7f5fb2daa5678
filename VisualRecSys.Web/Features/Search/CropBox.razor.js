// The crop box's pointer and keyboard handling. The region lives in the box's data-x/y/w/h attributes, in the photo's
// upright pixels (the frame's data-width/height); the box is placed in percentages of the frame, so it follows the
// preview at any displayed size. Blazor renders the same attributes from the region it was last sent.

const keyRest = 350;

export function attach(frame, dotnet, minSide) {
    const box = frame.querySelector('.crop-box');
    const handle = frame.querySelector('.crop-handle');
    const shade = frame.querySelector('.crop-shade');
    const size = () => ({ w: Number(frame.dataset.width), h: Number(frame.dataset.height) });
    const read = () => ({ x: Number(box.dataset.x), y: Number(box.dataset.y), w: Number(box.dataset.w), h: Number(box.dataset.h) });
    let drag = null;
    let keyTimer = 0;

    const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);
    const pct = (v, whole) => `${(100 * v / whole).toFixed(3)}%`;

    function show(r) {
        const s = size();
        box.dataset.x = r.x; box.dataset.y = r.y; box.dataset.w = r.w; box.dataset.h = r.h;
        box.style.left = pct(r.x, s.w); box.style.top = pct(r.y, s.h);
        box.style.width = pct(r.w, s.w); box.style.height = pct(r.h, s.h);
        const [l, t, rt, b] = [pct(r.x, s.w), pct(r.y, s.h), pct(r.x + r.w, s.w), pct(r.y + r.h, s.h)];
        shade.style.clipPath = `polygon(evenodd, 0% 0%, 100% 0%, 100% 100%, 0% 100%, 0% 0%, ${l} ${t}, ${rt} ${t}, ${rt} ${b}, ${l} ${b}, ${l} ${t})`;
        box.setAttribute('aria-label', box.getAttribute('aria-label').replace(/x \d+, y \d+, \d+ by \d+/, `x ${r.x}, y ${r.y}, ${r.w} by ${r.h}`));
    }

    function send(r) {
        dotnet.invokeMethodAsync('OnRegionChosen', r.x, r.y, r.w, r.h);
    }

    // Photo pixels under a pointer event, clamped to the photo.
    function pixelAt(e) {
        const rect = frame.getBoundingClientRect();
        const s = size();
        return {
            x: clamp(Math.round((e.clientX - rect.left) / rect.width * s.w), 0, s.w),
            y: clamp(Math.round((e.clientY - rect.top) / rect.height * s.h), 0, s.h),
        };
    }

    function moved(e) {
        const s = size();
        const p = pixelAt(e);
        const dx = p.x - drag.from.x;
        const dy = p.y - drag.from.y;
        const r = drag.start;
        if (drag.mode === 'move') {
            return { x: clamp(r.x + dx, 0, s.w - r.w), y: clamp(r.y + dy, 0, s.h - r.h), w: r.w, h: r.h };
        }

        if (drag.mode === 'resize') {
            return { x: r.x, y: r.y, w: clamp(r.w + dx, minSide, s.w - r.x), h: clamp(r.h + dy, minSide, s.h - r.y) };
        }

        // Drawing a new box from where the press began: any direction, at least minSide each way, inside the photo.
        const w = clamp(Math.abs(dx), minSide, s.w);
        const h = clamp(Math.abs(dy), minSide, s.h);
        return {
            x: clamp(dx < 0 ? drag.from.x - w : drag.from.x, 0, s.w - w),
            y: clamp(dy < 0 ? drag.from.y - h : drag.from.y, 0, s.h - h),
            w, h,
        };
    }

    function down(e) {
        if (e.button !== 0) {
            return;
        }

        // A box that is the whole photo cannot move: dragging on it draws a new one, as dragging outside a box does.
        const start = read();
        const s = size();
        const whole = start.x === 0 && start.y === 0 && start.w === s.w && start.h === s.h;
        const mode = e.target === handle ? 'resize' : box.contains(e.target) && !whole ? 'move' : 'draw';
        drag = { mode, from: pixelAt(e), start, id: e.pointerId };
        frame.setPointerCapture(e.pointerId);
        e.preventDefault();
    }

    function move(e) {
        if (drag && e.pointerId === drag.id) {
            show(moved(e));
        }
    }

    function up(e) {
        if (!drag || e.pointerId !== drag.id) {
            return;
        }

        // A click that did not drag (on the photo outside the box) keeps the region as it was.
        const p = pixelAt(e);
        const dragged = Math.abs(p.x - drag.from.x) + Math.abs(p.y - drag.from.y) > 0;
        const r = dragged ? moved(e) : drag.start;
        drag = null;
        show(r);
        if (dragged) {
            send(r);
        }
    }

    function key(e) {
        const arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
        if (!(e.key in arrows)) {
            return;
        }

        e.preventDefault();
        const s = size();
        const step = Math.max(1, Math.round(Math.max(s.w, s.h) / 50));
        const [dx, dy] = arrows[e.key].map(d => d * step);
        const r = read();
        const next = e.shiftKey
            ? { x: r.x, y: r.y, w: clamp(r.w + dx, minSide, s.w - r.x), h: clamp(r.h + dy, minSide, s.h - r.y) }
            : { x: clamp(r.x + dx, 0, s.w - r.w), y: clamp(r.y + dy, 0, s.h - r.h), w: r.w, h: r.h };
        show(next);
        // Searching on every key press would queue a search per press: send the region once the keys rest.
        clearTimeout(keyTimer);
        keyTimer = setTimeout(() => send(read()), keyRest);
    }

    frame.addEventListener('pointerdown', down);
    frame.addEventListener('pointermove', move);
    frame.addEventListener('pointerup', up);
    frame.addEventListener('pointercancel', up);
    box.addEventListener('keydown', key);
    frame._cropBox = () => {
        clearTimeout(keyTimer);
        frame.removeEventListener('pointerdown', down);
        frame.removeEventListener('pointermove', move);
        frame.removeEventListener('pointerup', up);
        frame.removeEventListener('pointercancel', up);
        box.removeEventListener('keydown', key);
    };
}

export function detach(frame) {
    if (frame && frame._cropBox) {
        frame._cropBox();
        delete frame._cropBox;
    }
}
