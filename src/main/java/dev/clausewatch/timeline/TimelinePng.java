package dev.clausewatch.timeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A timeline drawn as a PNG image, the way the pages draw it as SVG (rows, year ticks, filled marks
 * for substantive changes, hollow for cosmetic ones, numbered rings for groups), for reports, which
 * are printed without SVG. Drawn at {@code scale} times the chart's size for print.
 */
public final class TimelinePng {
    private static final Color INK = new Color(0x1a, 0x1a, 0x1a), LINE = new Color(0xcc, 0xcc, 0xcc), ROW = new Color(0xec, 0xec, 0xec),
            ACCENT = new Color(0x0b, 0x4f, 0x8a);

    private TimelinePng() {}

    public static byte[] of(TimelineChart chart, double scale) {
        BufferedImage image = new BufferedImage((int) Math.ceil(chart.width() * scale), (int) Math.ceil(chart.height() * scale), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(scale, scale);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (TimelineChart.Tick t : chart.ticks()) {
                g.setColor(LINE);
                g.draw(new Line2D.Double(t.x(), 0, t.x(), chart.axisY()));
                g.setColor(INK);
                g.drawString(t.label(), (float) (t.x() - g.getFontMetrics().stringWidth(t.label()) / 2.0), chart.axisY() + 16);
            }
            for (TimelineChart.Row r : chart.rows()) {
                g.setColor(ROW);
                g.draw(new Line2D.Double(chart.left(), r.y(), chart.width(), r.y()));
                g.setColor(INK);
                String label = r.label().length() > 30 ? r.label().substring(0, 29) + "…" : r.label();
                g.drawString(label, chart.left() - 8 - g.getFontMetrics().stringWidth(label), r.y() + 4);
            }
            for (TimelineChart.Mark m : chart.marks()) mark(g, m);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the timeline", e);
        }
        return out.toByteArray();
    }

    private static void mark(Graphics2D g, TimelineChart.Mark m) {
        double r = m.count() == 1 ? 6 : 9;
        Ellipse2D circle = new Ellipse2D.Double(m.x() - r, m.y() - r, 2 * r, 2 * r);
        boolean filled = m.count() == 1 && m.substantive();
        g.setColor(filled ? ACCENT : Color.WHITE);
        g.fill(circle);
        g.setColor(ACCENT);
        g.setStroke(new BasicStroke(m.count() > 1 && m.substantive() ? 3f : 2f));
        g.draw(circle);
        if (m.count() > 1) {
            g.setColor(INK);
            g.setFont(g.getFont().deriveFont(Font.BOLD, 10f));
            String count = String.valueOf(m.count());
            g.drawString(count, (float) (m.x() - g.getFontMetrics().stringWidth(count) / 2.0), (float) m.y() + 4);
            g.setFont(g.getFont().deriveFont(Font.PLAIN, 11f));
        }
    }
}
